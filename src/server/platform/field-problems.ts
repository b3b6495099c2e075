import type { z } from 'zod';
import { isFieldReason, type FieldParams, type FieldProblem, type FieldReason } from './errors.ts';

type Issue = z.core.$ZodIssue;

const typeReasons: Record<string, FieldReason> = {
  string: 'notText',
  number: 'notNumber',
  int: 'notWholeNumber',
  bigint: 'notWholeNumber',
  boolean: 'notBoolean',
  array: 'notList',
  tuple: 'notList',
  set: 'notList',
  object: 'notObject',
  record: 'notObject',
  map: 'notObject',
  date: 'invalidDate',
};

const formatReasons: Record<string, FieldReason> = {
  date: 'invalidDate',
  datetime: 'invalidDateTime',
  uuid: 'invalidId',
  guid: 'invalidId',
  email: 'invalidEmail',
};

const isCollection = (origin: string) => origin === 'array' || origin === 'set';

/**
 * The reason (field-reason catalog, errors.ts) of one zod issue. The issue must come from a parse with
 * `reportInput: true`, so that a missing value (no input) reads `required`. A schema names its own reason
 * as a regex's message or a refine's `params.reason`; any other message is never shown.
 */
export function reasonOf(issue: Issue): { reason: FieldReason; params?: FieldParams } {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { reason: 'required' };
      return { reason: typeReasons[issue.expected] ?? 'invalidValue' };
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') {
        if (issue.exact) return { reason: 'wrongLength', params: { length: minimum } };
        return minimum <= 1 ? { reason: 'required' } : { reason: 'tooShort', params: { minimum } };
      }
      if (isCollection(issue.origin)) return minimum <= 1 ? { reason: 'required' } : { reason: 'tooFewItems', params: { minimum } };
      return { reason: issue.inclusive === false ? 'mustBeGreater' : 'tooSmall', params: { minimum } };
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string')
        return issue.exact ? { reason: 'wrongLength', params: { length: maximum } } : { reason: 'tooLong', params: { maximum } };
      if (isCollection(issue.origin)) return { reason: 'tooManyItems', params: { maximum } };
      return { reason: issue.inclusive === false ? 'mustBeLess' : 'tooBig', params: { maximum } };
    }
    case 'invalid_value':
      return { reason: 'notAnOption', params: { options: issue.values.map((v) => (typeof v === 'number' ? v : String(v))) } };
    case 'invalid_format':
      if (issue.format === 'regex' && isFieldReason(issue.message)) return { reason: issue.message };
      return { reason: formatReasons[issue.format] ?? 'invalidFormat' };
    case 'unrecognized_keys':
      return { reason: 'unknownField' };
    case 'custom': {
      const named = (issue.params as { reason?: unknown } | undefined)?.reason;
      return { reason: isFieldReason(named) ? named : isFieldReason(issue.message) ? issue.message : 'invalidValue' };
    }
    default:
      return { reason: 'invalidValue' };
  }
}

/**
 * zod issues as field problems: `field` is the path joined with dots after `prefix` (the edge puts
 * `body`, `querystring`…; a form none); unknown fields carry their names in `keys`.
 */
export function fieldProblemsOf(issues: readonly Issue[], prefix?: string): FieldProblem[] {
  return issues.map((issue) => {
    const field = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.');
    const { reason, params } = reasonOf(issue);
    return {
      field,
      reason,
      ...(params ? { params } : {}),
      ...(issue.code === 'unrecognized_keys' ? { keys: issue.keys } : {}),
    };
  });
}
