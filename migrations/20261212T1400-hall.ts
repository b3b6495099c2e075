import { sql, type Kysely } from 'kysely';

/**
 * The service hall (issue 16, server half): 网上预约 and 排队叫号.
 * - hall_settings: a hall's booking and queue rules (days ahead, cancellation hours, hold minutes, no-show suspension, recalls).
 * - hall_business_types: a hall's 业务类型 (ticket prefix A, B…), the items it covers and the windows serving it.
 * - hall_slot_templates: the weekly template of bookable slots per business type, with a capacity.
 * - hall_closures: whole days a hall takes no bookings (beyond the working-day calendar's holidays).
 * - hall_slots: a dated slot, made from its template on first booking; `booked` counts holds and bookings and
 *   never exceeds capacity (a conditional UPDATE … WHERE booked < capacity, and a CHECK as the last guard).
 * - appointments: one booking; one live booking per person, hall and day (a partial unique index).
 * - hall_window_states: whether a window is open for calls (open / paused / closed); no row = closed.
 * - queue_counters: the daily sequence per business type (no platform-wide hot row).
 * - queue_tickets: a numbered ticket (A012) with its priority, times and window.
 * - hall_calls: every call and recall, in order (the display's stream reads it; Last-Event-ID = id).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE hall_settings (
      hall_id uuid PRIMARY KEY REFERENCES halls(id),
      days_ahead integer NOT NULL DEFAULT 7 CHECK (days_ahead BETWEEN 1 AND 90),
      cancel_hours integer NOT NULL DEFAULT 2 CHECK (cancel_hours BETWEEN 0 AND 168),
      hold_minutes integer NOT NULL DEFAULT 5 CHECK (hold_minutes BETWEEN 1 AND 60),
      no_show_limit integer NOT NULL DEFAULT 3 CHECK (no_show_limit BETWEEN 1 AND 20),
      no_show_period_days integer NOT NULL DEFAULT 90 CHECK (no_show_period_days BETWEEN 1 AND 365),
      suspension_days integer NOT NULL DEFAULT 30 CHECK (suspension_days BETWEEN 1 AND 365),
      max_recalls integer NOT NULL DEFAULT 2 CHECK (max_recalls BETWEEN 0 AND 10),
      skip_action text NOT NULL DEFAULT 'void' CHECK (skip_action IN ('void','requeue')),
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE TABLE hall_business_types (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      hall_id uuid NOT NULL REFERENCES halls(id),
      prefix text NOT NULL CHECK (prefix ~ '^[A-Z]$'),
      name text NOT NULL,
      item_ids uuid[] NOT NULL DEFAULT '{}',
      window_ids uuid[] NOT NULL DEFAULT '{}',
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (hall_id, prefix)
    )`,
    sql`CREATE INDEX hall_business_types_items ON hall_business_types USING gin (item_ids)`,
    sql`CREATE TABLE hall_slot_templates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      business_type_id uuid NOT NULL REFERENCES hall_business_types(id) ON DELETE CASCADE,
      weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      start_time text NOT NULL CHECK (start_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
      end_time text NOT NULL CHECK (end_time ~ '^[0-2][0-9]:[0-5][0-9]$' AND end_time > start_time),
      capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
      UNIQUE (business_type_id, weekday, start_time)
    )`,
    sql`CREATE TABLE hall_closures (
      hall_id uuid NOT NULL REFERENCES halls(id),
      date date NOT NULL,
      reason text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (hall_id, date)
    )`,
    sql`CREATE TABLE hall_slots (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      business_type_id uuid NOT NULL REFERENCES hall_business_types(id),
      date date NOT NULL,
      start_time text NOT NULL,
      end_time text NOT NULL,
      capacity integer NOT NULL,
      booked integer NOT NULL DEFAULT 0,
      CHECK (booked >= 0 AND booked <= capacity),
      UNIQUE (business_type_id, date, start_time)
    )`,
    sql`CREATE TABLE appointments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      hall_id uuid NOT NULL REFERENCES halls(id),
      business_type_id uuid NOT NULL REFERENCES hall_business_types(id),
      slot_id uuid NOT NULL REFERENCES hall_slots(id),
      item_id uuid NOT NULL REFERENCES items(id),
      person_id uuid NOT NULL REFERENCES persons(id),
      account_id uuid REFERENCES accounts(id),
      booked_by uuid NOT NULL REFERENCES accounts(id),
      status text NOT NULL CHECK (status IN ('held','confirmed','cancelled','expired','checkedIn','noShow')),
      date date NOT NULL,
      start_time text NOT NULL,
      end_time text NOT NULL,
      held_until timestamptz,
      code text NOT NULL UNIQUE,
      no_show_at timestamptz,
      cancelled_at timestamptz,
      checked_in_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE UNIQUE INDEX appointments_one_per_day ON appointments(hall_id, person_id, date) WHERE status IN ('held','confirmed','checkedIn')`,
    sql`CREATE INDEX appointments_person ON appointments(person_id, date DESC)`,
    sql`CREATE INDEX appointments_account ON appointments(account_id, date DESC)`,
    sql`CREATE INDEX appointments_slot_held ON appointments(slot_id) WHERE status = 'held'`,
    sql`CREATE INDEX appointments_no_show ON appointments(person_id, no_show_at) WHERE status = 'noShow'`,
    sql`CREATE TABLE hall_window_states (
      window_id uuid PRIMARY KEY REFERENCES windows(id),
      hall_id uuid NOT NULL REFERENCES halls(id),
      status text NOT NULL CHECK (status IN ('open','paused','closed')),
      clerk_id uuid REFERENCES accounts(id),
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE TABLE queue_counters (
      business_type_id uuid NOT NULL REFERENCES hall_business_types(id),
      day date NOT NULL,
      last integer NOT NULL,
      PRIMARY KEY (business_type_id, day)
    )`,
    sql`CREATE TABLE queue_tickets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      hall_id uuid NOT NULL REFERENCES halls(id),
      business_type_id uuid NOT NULL REFERENCES hall_business_types(id),
      day date NOT NULL,
      number text NOT NULL,
      priority smallint NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 2),
      priority_reason text CHECK (priority_reason IN ('appointment','elderly','disabled','military','pregnant')),
      source text NOT NULL CHECK (source IN ('idNumber','appointment','clerk','remote')),
      person_id uuid REFERENCES persons(id),
      id_number_index text,
      account_id uuid REFERENCES accounts(id),
      appointment_id uuid UNIQUE REFERENCES appointments(id),
      issued_by uuid REFERENCES accounts(id),
      status text NOT NULL CHECK (status IN ('waiting','called','serving','done','void')),
      target_window_id uuid REFERENCES windows(id),
      window_id uuid REFERENCES windows(id),
      clerk_id uuid REFERENCES accounts(id),
      recalls integer NOT NULL DEFAULT 0,
      taken_at timestamptz NOT NULL,
      queued_at timestamptz NOT NULL,
      called_at timestamptz,
      started_at timestamptz,
      finished_at timestamptz,
      wait_seconds integer,
      service_seconds integer,
      case_id uuid REFERENCES cases(id),
      version integer NOT NULL DEFAULT 1,
      UNIQUE (hall_id, day, number)
    )`,
    sql`CREATE INDEX queue_tickets_waiting ON queue_tickets(hall_id, day, business_type_id, priority DESC, queued_at) WHERE status = 'waiting'`,
    sql`CREATE INDEX queue_tickets_window ON queue_tickets(window_id) WHERE status IN ('called','serving')`,
    // The case a clerk opened from the ticket (窗口受理): one ticket per case.
    sql`CREATE UNIQUE INDEX queue_tickets_case ON queue_tickets(case_id) WHERE case_id IS NOT NULL`,
    sql`CREATE INDEX queue_tickets_done ON queue_tickets(business_type_id, finished_at DESC) WHERE status = 'done'`,
    sql`CREATE TABLE hall_calls (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      hall_id uuid NOT NULL REFERENCES halls(id),
      ticket_id uuid NOT NULL REFERENCES queue_tickets(id),
      window_id uuid NOT NULL REFERENCES windows(id),
      number text NOT NULL,
      window_number text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('call','recall')),
      created_at timestamptz NOT NULL
    )`,
    sql`CREATE INDEX hall_calls_hall ON hall_calls(hall_id, id)`,
  ];
  for (const s of statements) await s.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'hall_calls',
    'queue_tickets',
    'queue_counters',
    'hall_window_states',
    'appointments',
    'hall_slots',
    'hall_closures',
    'hall_slot_templates',
    'hall_business_types',
    'hall_settings',
  ])
    await sql.raw(`DROP TABLE ${t}`).execute(db);
}
