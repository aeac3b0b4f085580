import DataLoader from 'dataloader';
import { Authorized, Ctx, Field, Float, Int, ObjectType, FieldResolver, Resolver, Root } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Rule, isUuid } from '@mitra/kit';
import type { SkbContext } from '../context';
import { TrainingProgramRef } from './types/training-program.ref';

@ObjectType({ description: "Attendance at a program's events: registrations that were not cancelled, and how many attended. Small groups are suppressed." })
export class AttendanceFigures {
  @Field(() => Int, { nullable: true, description: 'Registrations that were not cancelled. Null when suppressed.' })
  registrations!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of those registrations with status ATTENDED, 0..1.' })
  attendanceRate!: number | null;

  @Field()
  suppressed!: boolean;
}

const perRequest = new WeakMap<EntityManager, DataLoader<string, { counted: number; attended: number }>>();

function attendanceByProgram(em: EntityManager): DataLoader<string, { counted: number; attended: number }> {
  let loader = perRequest.get(em);
  if (!loader) {
    loader = new DataLoader(async (programIds) => {
      const valid = [...new Set(programIds.filter(isUuid).map((id) => id.toLowerCase()))];
      const rows: Array<{ program_id: string; counted: number; attended: number }> = valid.length
        ? await em.getConnection().execute(
            `select e.program_id, count(*) filter (where r.status <> 'CANCELLED')::int as counted,
                    count(*) filter (where r.status = 'ATTENDED')::int as attended
               from registration r join training_event e on e.id = r.event_id
              where e.program_id = any(string_to_array(?, ',')::uuid[])
              group by e.program_id`,
            [valid.join(',')],
          )
        : [];
      const byId = new Map(rows.map((r) => [r.program_id, { counted: Number(r.counted), attended: Number(r.attended) }]));
      return programIds.map((id) => byId.get(id.toLowerCase()) ?? { counted: 0, attended: 0 });
    });
    perRequest.set(em, loader);
  }
  return loader;
}

const small = (n: number, min: number) => n > 0 && n < min;

@Authorized(Rule.STATISTICS)
@Resolver(() => TrainingProgramRef)
export class ProgramAttendanceResolver {
  @FieldResolver(() => AttendanceFigures, { description: "Attendance at this program's events (skb)." })
  async attendance(@Root() program: TrainingProgramRef, @Ctx() ctx: SkbContext): Promise<AttendanceFigures> {
    const { counted, attended } = await attendanceByProgram(ctx.em).load(program.id);
    const min = ctx.config.minCellSize;
    // Attended and absent add up to the registrations: a small one of either would be recoverable from the rate.
    const hidden = small(counted, min) || small(attended, min) || small(counted - attended, min);
    return Object.assign(new AttendanceFigures(), {
      registrations: small(counted, min) ? null : counted,
      attendanceRate: hidden || counted === 0 ? null : Math.round((attended / counted) * 10_000) / 10_000,
      suppressed: hidden,
    });
  }
}
