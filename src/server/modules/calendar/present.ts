import type { Selectable } from 'kysely';
import type { CalendarOverridesTable } from '../../platform/db-types.ts';

export const presentOverride = (o: Selectable<CalendarOverridesTable>, editable: boolean) => ({
  regionCode: o.region_code,
  date: o.date,
  isWorkingDay: o.is_working_day,
  name: o.name,
  createdBy: o.created_by,
  createdAt: new Date(o.created_at).toISOString(),
  version: o.version,
  editable,
});
