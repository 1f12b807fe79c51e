/** The sales office's command table: each command's planner (sales-commands.ts, marketing-commands.ts, lifecycle-commands.ts). */
import type { SalesOfficeConfig } from '../domain/sales/office-config.ts';
import type { SalesOfficeCommand } from '../protocol/sales.ts';
import type { SalesOffice } from '../sales-office.ts';
import { LIFECYCLE_PLANNERS } from './lifecycle-commands.ts';
import { MARKETING_PLANNERS } from './marketing-commands.ts';
import type { Planned, Planner } from './plan.ts';
import { SALES_PLANNERS } from './sales-commands.ts';

const PLANNERS: { [T in SalesOfficeCommand['type']]: Planner<T> } = { ...SALES_PLANNERS, ...MARKETING_PLANNERS, ...LIFECYCLE_PLANNERS };

export function planCommand(office: SalesOffice, config: SalesOfficeConfig, command: SalesOfficeCommand): Planned {
  const planner = PLANNERS[command.type] as (office: SalesOffice, config: SalesOfficeConfig, command: SalesOfficeCommand) => Planned;
  return planner(office, config, command);
}
