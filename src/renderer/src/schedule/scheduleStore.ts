// The Schedule view's UI state: week or month, which one, and mine or the team's.
import { create } from 'zustand';
import type { IsoDate } from '../../../core/time';

export type ScheduleMode = 'week' | 'month';
export type ScheduleScope = 'mine' | 'team';

type ScheduleState = {
  mode: ScheduleMode;
  scope: ScheduleScope;
  /** A date inside the period shown, in my zone; null: today. */
  anchor: IsoDate | null;
  setMode(mode: ScheduleMode): void;
  setScope(scope: ScheduleScope): void;
  setAnchor(anchor: IsoDate | null): void;
};

export const useScheduleStore = create<ScheduleState>((set) => ({
  mode: 'week',
  scope: 'mine',
  anchor: null,
  setMode: (mode) => set({ mode }),
  setScope: (scope) => set({ scope }),
  setAnchor: (anchor) => set({ anchor }),
}));
