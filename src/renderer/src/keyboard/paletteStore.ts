// The command palette and the shortcut help sheet: open or closed, what the palette asks for, and
// a customer form to open once the customer's page is showing. UI state only.
import { create } from 'zustand';

/** The palette commands that need a customer, named as the customer page's forms. */
export type CustomerAction = 'bookGoLive' | 'reserveGoLive' | 'scheduleReviewSeries' | 'logTicket';

export type PaletteMode = { kind: 'commands' } | { kind: 'pickCustomer'; action: CustomerAction };

type PaletteState = {
  opened: boolean;
  mode: PaletteMode;
  helpOpened: boolean;
  /** Opened by CustomerFormOpener once the route shows this customer. */
  pendingForm: { customerId: string; action: CustomerAction } | null;
  openPalette(mode?: PaletteMode): void;
  closePalette(): void;
  openHelp(): void;
  closeHelp(): void;
  requestForm(customerId: string, action: CustomerAction): void;
  clearPendingForm(): void;
};

export const usePaletteStore = create<PaletteState>((set) => ({
  opened: false,
  mode: { kind: 'commands' },
  helpOpened: false,
  pendingForm: null,
  openPalette: (mode = { kind: 'commands' }) => set({ opened: true, mode, helpOpened: false }),
  closePalette: () => set({ opened: false, mode: { kind: 'commands' } }),
  openHelp: () => set({ helpOpened: true, opened: false }),
  closeHelp: () => set({ helpOpened: false }),
  requestForm: (customerId, action) => set({ pendingForm: { customerId, action } }),
  clearPendingForm: () => set({ pendingForm: null }),
}));
