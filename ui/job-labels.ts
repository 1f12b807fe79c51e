/** Headquarters' jobs as the analyst's screens name and explain them. */
import type { HeadquartersJob } from '../engine/domain/config.ts';

/** `chainWide`: the job runs over the whole chain's records, so the store chosen to run it for does not apply. */
export const JOBS: readonly { job: HeadquartersJob; label: string; about: string; chainWide?: true }[] = [
  { job: 'P-job', label: 'P-job', about: 'pulls each reachable store\'s queue to headquarters (SY-2, SY-3)' },
  { job: 'synchronizeCustomers', label: 'Synchronize customers', about: 'creates accounts for customers made async (CU-5)' },
  { job: 'synchronizeOrders', label: 'Synchronize orders', about: 'creates sales orders from async orders (SY-2, CU-7)' },
  { job: '1010', label: '1010', about: 'distributes account ids and master data to the stores (SY-4)' },
  { job: 'processContinuityPayments', label: 'Process continuity payments', about: 'charges the kept cards for the continuity events now due (CC-15)', chainWide: true },
  { job: 'createContinuityChildOrders', label: 'Create continuity child orders', about: 'makes a sales order of each paid continuity event, once (CC-15)', chainWide: true },
  { job: 'expireCatalogs', label: 'Expire catalogs', about: 'marks approved and published catalogs past their end date Expired (CC-5)', chainWide: true },
  { job: 'expireAgreements', label: 'Expire agreements', about: 'closes sales agreements past their expiration date (SM-7)', chainWide: true },
];
