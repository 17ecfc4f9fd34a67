import type { ActionOwner, ActionStatus, PutStopBody } from '@lagesbild/shared';

/** A stop as the page shows it: sent (from the server) or still in this device's outbox. */
export interface ShownStop {
  clientId: string;
  body: Pick<PutStopBody, 'lat' | 'lon' | 'notes' | 'recordedAt'> & { ratings: Partial<Record<string, number | null>> };
  action: { text: string; owner: ActionOwner; ownerName: string | null; status?: ActionStatus } | null;
  categories: string[];
  photos: { id: string; url: string }[];
  state: 'sent' | 'waiting' | 'refused';
  error?: string;
}
