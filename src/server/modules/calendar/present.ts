import type { Selectable } from 'kysely';
import type { CalendarNoticesTable, CalendarOverridesTable } from '../../platform/db-types.ts';
import { type NoticeLine, noticeDays } from './notice.ts';

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

export const presentNotice = (n: Selectable<CalendarNoticesTable>) => {
  const lines = n.lines as NoticeLine[];
  return {
    year: n.year,
    title: n.title,
    documentNumber: n.document_number,
    publishedOn: n.published_on,
    lines,
    days: noticeDays(lines).map((d) => ({ date: d.date, isWorkingDay: d.isWorkingDay, name: d.name, nameEn: d.nameEn })),
    enteredBy: n.entered_by,
    createdAt: new Date(n.created_at).toISOString(),
    updatedAt: new Date(n.updated_at).toISOString(),
    version: n.version,
  };
};
