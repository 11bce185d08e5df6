// The customers grid's UI state: search, filters, sort and the columns shown. Not persisted data.
import { create } from 'zustand';

export type SortingEntry = { id: string; desc: boolean };

export type FlagFilter = 'all' | 'flagged' | 'cadence' | 'objectives' | 'credits' | 'allowance';

type CustomersState = {
  search: string;
  planId: string | null;
  flag: FlagFilter;
  mineOnly: boolean;
  sorting: SortingEntry[];
  hiddenColumns: Record<string, boolean>;
  setSearch(search: string): void;
  setPlanId(planId: string | null): void;
  setFlag(flag: FlagFilter): void;
  setMineOnly(mineOnly: boolean): void;
  setSorting(sorting: SortingEntry[]): void;
  toggleColumn(columnId: string, visible: boolean): void;
};

export const useCustomersStore = create<CustomersState>((set) => ({
  search: '',
  planId: null,
  flag: 'all',
  mineOnly: false,
  sorting: [{ id: 'name', desc: false }],
  hiddenColumns: { country: true },
  setSearch: (search) => set({ search }),
  setPlanId: (planId) => set({ planId }),
  setFlag: (flag) => set({ flag }),
  setMineOnly: (mineOnly) => set({ mineOnly }),
  setSorting: (sorting) => set({ sorting }),
  toggleColumn: (columnId, visible) =>
    set((state) => ({ hiddenColumns: { ...state.hiddenColumns, [columnId]: !visible } })),
}));
