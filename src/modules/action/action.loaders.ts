import DataLoader from 'dataloader';
import { Access } from '../../access/access';
import { argsLoader, groupedInKeyOrder, inKeyOrder } from '../../common/loader-utils';
import { Action, ActionDueDateChange, ActionUpdate } from './action.entity';
import { ActionFilter, ActionService } from './action.service';

export function createActionLoaders(actions: ActionService, access: Access) {
  return {
    actionsByBoard: argsLoader<ActionFilter, Action[]>((ids, f) => actions.forBoards(access, ids, f), () => []),
    actionsByAgency: argsLoader<ActionFilter, Action[]>((ids, f) => actions.forAgencies(access, ids, f), () => []),
    actionsBySource: new DataLoader<string, Action[]>(async (ids) =>
      groupedInKeyOrder(ids, await actions.forSources(access, [...ids]), (a) => a.sourceId),
    ),
    dueDateChangesByAction: new DataLoader<string, ActionDueDateChange[]>(async (ids) =>
      groupedInKeyOrder(ids, await actions.dueDateChangesOf([...ids]), (c) => c.actionId),
    ),
    actionById: new DataLoader<string, Action | null>(async (ids) => inKeyOrder(ids, await actions.byIds(access, [...ids]), (a) => a.id)),
    carriedFromByAction: new DataLoader<string, Action[]>(async (ids) => groupedInKeyOrder(ids, await actions.carriedFrom([...ids]), (a) => a.carriedForwardToId)),
    updatesByAction: new DataLoader<string, ActionUpdate[]>(async (ids) =>
      groupedInKeyOrder(ids, await actions.updatesOf([...ids]), (u) => u.actionId),
    ),
  };
}
