// The Today view's UI state: my customers or the whole team's.
import { create } from 'zustand';
import type { TodayScope } from './todayDigest';

type TodayState = { scope: TodayScope; setScope(scope: TodayScope): void };

export const useTodayStore = create<TodayState>((set) => ({
  scope: 'mine',
  setScope: (scope) => set({ scope }),
}));
