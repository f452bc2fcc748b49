import * as z from 'zod';
import { doctorReportSchema } from '#functions/core/contract/doctor-report';

/** `GET /api/doctor`: the last `npm run doctor` report, null before the first. */
export const doctorAnswerSchema = z.strictObject({ report: doctorReportSchema.nullable() });
export type DoctorAnswer = z.infer<typeof doctorAnswerSchema>;
