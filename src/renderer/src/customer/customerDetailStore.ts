// Which form is open on the customer page: UI state only.
import { create } from 'zustand';

export type CustomerForm =
  | { kind: 'scheduleReviewSeries' }
  | { kind: 'logReviewCall'; seriesId: string | null; occurrenceDate: string | null }
  | { kind: 'bookGoLive' }
  | { kind: 'reserveGoLive' }
  | { kind: 'requestReview' }
  | { kind: 'scheduleTraining' }
  | { kind: 'logTicket' }
  | { kind: 'addContact' }
  | { kind: 'addProject' }
  | { kind: 'editCustomer' }
  | { kind: 'editContract' }
  | { kind: 'logTamTime' }
  | { kind: 'addCustomConfiguration' }
  | { kind: 'changeSeverity'; ticketId: string }
  | { kind: 'moveReviewCall'; seriesId: string; occurrenceDate: string };

type CustomerDetailState = {
  form: CustomerForm | null;
  open(form: CustomerForm): void;
  close(): void;
};

export const useCustomerDetailStore = create<CustomerDetailState>((set) => ({
  form: null,
  open: (form) => set({ form }),
  close: () => set({ form: null }),
}));
