// Request validation with zod: the parsed value has the schema's type, and a failure is a 400
// listing every field that is wrong, by its path in the request (`params.name`, `query.activate`).
import type { z } from 'zod';
import { BadRequestError } from './domain.js';

export interface FieldProblem {
  field: string;
  message: string;
}

export class ValidationError extends BadRequestError {
  constructor(readonly fields: FieldProblem[]) {
    super('request.invalid', `invalid request: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, { fields });
  }
}

export function fieldProblems(error: z.core.$ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ field: i.path.length ? i.path.map(String).join('.') : '(root)', message: i.message }));
}

/** The value parsed by `schema`, or a ValidationError naming each wrong field. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(fieldProblems(result.error));
  return result.data;
}
