// What every customer form gets from the customer page.
import type { PlanTemplate } from '../../../core/plans';
import type { CustomerBook } from '../../../core/records';
import type { Settings } from '../db/schema';

export type CustomerFormProps = {
  book: CustomerBook;
  settings: Settings;
  templates: readonly PlanTemplate[];
  onClose(): void;
};
