import { EntityManager } from 'typeorm';
import { ActionSourceType } from './action.entity';

/** What the tracker needs to know of the thing an action answers. */
export interface ActionSourceInfo {
  type: ActionSourceType;
  id: string;
  boardId: string;
  /** Every board that tracks it, when more than boardId (an action of a joint sub-group's meeting). */
  boardIds?: string[];
  /** Human-readable origin, e.g. "Child BR: recommendation 3". */
  label: string;
}

/**
 * A kind of thing actions can be added to (a review recommendation, a plan priority). The modules
 * that own them register one each (src/services.ts), so the action module knows no other module's
 * tables: it asks the registry.
 */
export interface ActionSource {
  type: ActionSourceType;
  /** The AddActionInput field that names it. */
  field: 'recommendationId' | 'priorityId' | 'agendaItemId' | 'externalLearningId';
  describe(id: string): Promise<ActionSourceInfo | null>;
  /**
   * Called inside the transaction that adds an action or changes an action's status, before the
   * action's own lock; locks the source and says why it takes no changes (e.g. a closed review).
   */
  lockForChange?(em: EntityManager, sourceId: string, change: 'add' | 'status'): Promise<string | null>;
}

export class ActionSourceRegistry {
  private readonly sources = new Map<ActionSourceType, ActionSource>();

  register(source: ActionSource): void {
    this.sources.set(source.type, source);
  }

  byType(type: ActionSourceType): ActionSource | undefined {
    return this.sources.get(type);
  }

  byField(field: ActionSource['field']): ActionSource {
    const source = [...this.sources.values()].find((s) => s.field === field);
    if (!source) throw new Error(`No action source registered for ${field}`);
    return source;
  }
}
