import { Client } from 'pg';
import type { Hub } from '@mitra/cli';
import type { Acknowledged } from './client';

export interface Verification {
  teachers: { acknowledged: number; present: number; withAudit: number };
  events: { acknowledged: number; present: number };
  registrations: { acknowledged: number; present: number; asAcknowledged: number; withAudit: number };
  attendance: { acknowledgedChanges: number; auditRows: number };
  ok: boolean;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every acknowledged write, looked up in the database of the partner that owns it. */
export async function verify(hub: Hub, acknowledged: Acknowledged): Promise<Verification> {
  const teacherIds = [...acknowledged.teachers.keys()];
  const teachers = await withClient(hub.databaseUrls.schools, async (db) => {
    const rows = (
      await db.query<{ id: string; full_name: string }>('select id, full_name from teacher where id = any($1::uuid[])', [teacherIds])
    ).rows;
    const audit = await db.query<{ n: string }>(
      "select count(distinct entity_id) as n from audit_log where action = 'createTeacher' and entity_id = any($1::text[])",
      [teacherIds],
    );
    return {
      acknowledged: teacherIds.length,
      present: rows.filter((r) => acknowledged.teachers.get(r.id) === r.full_name).length,
      withAudit: Number(audit.rows[0].n),
    };
  });
  const registrationIds = [...acknowledged.registrations.keys()];
  const skb = await withClient(hub.databaseUrls.skb, async (db) => {
    const events = (
      await db.query<{ n: string }>('select count(*) as n from training_event where id = any($1::uuid[])', [[...acknowledged.events]])
    ).rows[0].n;
    const rows = (
      await db.query<{ id: string; event_id: string; teacher_id: string | null; participant_name: string; status: string }>(
        'select id, event_id, teacher_id, participant_name, status from registration where id = any($1::uuid[])',
        [registrationIds],
      )
    ).rows;
    const asAcknowledged = rows.filter((r) => {
      const a = acknowledged.registrations.get(r.id);
      return (
        a && a.eventId === r.event_id && a.teacherId === r.teacher_id && a.participantName === r.participant_name && a.status === r.status
      );
    }).length;
    const registered = await db.query<{ n: string }>(
      "select count(distinct entity_id) as n from audit_log where action = 'registerParticipant' and entity_id = any($1::text[])",
      [registrationIds],
    );
    const attendance = await db.query<{ n: string }>(
      "select count(*) as n from audit_log where action = 'recordAttendance' and entity_id = any($1::text[])",
      [registrationIds],
    );
    return {
      events: { acknowledged: acknowledged.events.size, present: Number(events) },
      registrations: {
        acknowledged: registrationIds.length,
        present: rows.length,
        asAcknowledged,
        withAudit: Number(registered.rows[0].n),
      },
      attendance: { acknowledgedChanges: acknowledged.attendanceChanges, auditRows: Number(attendance.rows[0].n) },
    };
  });
  const ok =
    teachers.present === teachers.acknowledged &&
    teachers.withAudit === teachers.acknowledged &&
    skb.events.present === skb.events.acknowledged &&
    skb.registrations.asAcknowledged === skb.registrations.acknowledged &&
    skb.registrations.withAudit === skb.registrations.acknowledged &&
    skb.attendance.auditRows === skb.attendance.acknowledgedChanges;
  return { teachers, ...skb, ok };
}
