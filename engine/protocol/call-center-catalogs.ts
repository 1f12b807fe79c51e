/**
 * CC-5: the catalog lifecycle commands at the chain's boundary and the catalogs view. A catalog is validated,
 * approved (or rejected back to draft) by someone other than who validated it, published, deactivated or expired at
 * headquarters; the command names the operator doing it (the server makes it the signed-in one).
 */
import { z } from 'zod';
import type { CatalogStatus } from '../domain/call-center/catalog.ts';

export const catalogActions = ['validate', 'approve', 'reject', 'publish', 'deactivate', 'expire'] as const;
export type CatalogAction = (typeof catalogActions)[number];

const id = z.string().min(1).max(64);

/** What a back-office user or a call-center supervisor sends the chain. */
export const catalogCommandSchema = z.object({
  type: z.literal('callCenter.catalog'), action: z.enum(catalogActions), catalogId: id, operatorId: id,
}).strict();
export type CatalogCommand = z.infer<typeof catalogCommandSchema>;

/** Headquarters' command for it (journaled at headquarters like every command it accepts). */
export const headquartersCatalogSchema = z.object({
  type: z.literal('headquarters.catalog'), action: z.enum(catalogActions), catalogId: id, operatorId: id,
}).strict();

/** A catalog as the catalogs view shows it: where it stands and, while it is a draft, what blocks its validation. */
export interface CatalogView {
  callCenterId: string;
  catalogId: string;
  name: string;
  status: CatalogStatus;
  effective: string;
  expiration: string;
  sourceCodes: string[];
  validatedBy: string | null;
  approvedBy: string | null;
  publishedAt: number | null;
  /** CC-5: every problem that blocks validation, in words (empty: it validates). */
  problems: { field: string; message: string }[];
}
