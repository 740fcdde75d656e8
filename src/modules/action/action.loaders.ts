import DataLoader from 'dataloader';
import { Access } from '../../access/access';
import { argsLoader, groupedInKeyOrder } from '../../common/loader-utils';
import { Action, ActionUpdate } from './action.entity';
import { ActionFilter, ActionService } from './action.service';

export function createActionLoaders(actions: ActionService, access: Access) {
  return {
    actionsByBoard: argsLoader<ActionFilter, Action[]>((ids, f) => actions.forBoards(access, ids, f), () => []),
    actionsByAgency: argsLoader<ActionFilter, Action[]>((ids, f) => actions.forAgencies(access, ids, f), () => []),
    actionsBySource: new DataLoader<string, Action[]>(async (ids) =>
      groupedInKeyOrder(ids, await actions.forSources(access, [...ids]), (a) => a.sourceId),
    ),
    updatesByAction: new DataLoader<string, ActionUpdate[]>(async (ids) =>
      groupedInKeyOrder(ids, await actions.updatesOf([...ids]), (u) => u.actionId),
    ),
  };
}
