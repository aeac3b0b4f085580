/**
 * Follow-ups that count as "after the training": visited at least 30 days
 * after the event's last day (as the SKB reported it when the follow-up was
 * recorded), or, for a follow-up that names no event, at least 30 days after
 * the teacher's first assessment of the program. One without either counts
 * for nothing. The university holds both days, so no statistic asks the SKB.
 */
export const FOLLOW_UP_DAYS = 30;
export const QUALIFYING_FOLLOW_UPS = `select fu.* from follow_up fu
   where fu.visited_on >= coalesce(fu.event_ends_on,
           (select min(x.assessed_on) from assessment x where x.teacher_id = fu.teacher_id and x.program_id = fu.program_id)) + ${FOLLOW_UP_DAYS}`;
