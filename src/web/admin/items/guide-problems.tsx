import { Alert, Button } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import type { Guide, GuideProblem } from '../../catalog/types.ts';
import { fieldPathOfElement, fieldPathOfValidation } from './guide-paths.ts';
import type { FieldPath } from './guide-paths.ts';

/** A problem shown against a field of the guide form and in the list above the tabs. */
export type ShownProblem = { path: FieldPath; label: string; reason: string };

const LIST_LABEL: Record<string, string> = {
  materials: 'sections.materials',
  situations: 'sections.situations',
  questionnaire: 'sections.questionnaire',
  form: 'sections.form',
  fees: 'sections.fees',
  faq: 'sections.faq',
  result: 'sections.result',
};
const CHILD_LABEL: Record<string, string> = {
  'materials.name': 'materialName',
  'situations.name': 'situationName',
  'fees.name': 'feeName',
  'questionnaire.text': 'questionText',
  'form.label': 'fieldLabel',
  'faq.q': 'question',
  'faq.a': 'answer',
  'situations.promisedLimit': 'situationLimit',
  'result.name': 'resultName',
  'result.type': 'resultType',
  'result.licenseType': 'licenseType',
  'questionnaire.options': 'options',
};

/** A readable name for a guide path (`materials[idCard].copies` or `['materials', 1, 'copies']`): 申请材料 “idCard” · 复印件份数. */
export function usePathLabel(): (path: string | FieldPath) => string {
  const { t, i18n } = useTranslation();
  const known = (key: string) => (i18n.exists(`itemAdmin.${key}`) ? t(`itemAdmin.${key}`) : undefined);
  return (path) => {
    const segments: Array<string | number> =
      typeof path === 'string'
        ? [...path.matchAll(/([A-Za-z]+)(?:\[([^\]]+)\])?/g)].flatMap((m) => (m[2] !== undefined ? [m[1], `“${m[2]}”`] : [m[1]]))
        : path;
    const [top, ...rest] = segments;
    const parts = [known(LIST_LABEL[String(top)] ?? `fields.${String(top)}`) ?? String(top)];
    for (const segment of rest) {
      if (typeof segment === 'number') parts.push(t('itemAdmin.list.entry', { number: segment + 1 }));
      else if (segment.startsWith('“')) parts.push(segment);
      else if (segment !== 'value' || parts.length > 1) {
        parts.push(known(`fields.${CHILD_LABEL[`${String(top)}.${segment}`] ?? segment}`) ?? segment);
      }
    }
    return parts.join(' · ');
  };
}

/** The sentence of a problem's reason (`unknownMaterial:idCard` → 引用了不存在的材料“idCard”). */
export function useReasonText(): (reason: string) => string {
  const { t, i18n } = useTranslation();
  return (reason) => {
    const [code, ...args] = reason.split(':');
    const key = `itemAdmin.reasons.${code}`;
    return i18n.exists(key) ? t(key, { arg: args.join(':') }) : reason;
  };
}

/**
 * Reads the problems of a GUIDE_INVALID, GUIDE_INCOMPLETE or VALIDATION_FAILED answer, marks each on
 * its form field and returns them for the list; null for other errors.
 */
export function useProblemReporter(form: FormInstance<Guide>) {
  const pathLabel = usePathLabel();
  const reasonText = useReasonText();
  return (error: unknown): ShownProblem[] | null => {
    if (!(error instanceof ApiError)) return null;
    const values = form.getFieldsValue(true) as Guide;
    let shown: ShownProblem[] = [];
    const details = error.details as
      | { problems?: GuideProblem[]; missing?: GuideProblem[]; fields?: Array<{ field: string; code?: string; message?: string }> }
      | undefined;
    const problems = error.code === 'GUIDE_INVALID' ? details?.problems : error.code === 'GUIDE_INCOMPLETE' ? details?.missing : undefined;
    if (problems) {
      shown = problems.map((problem) => {
        const path = fieldPathOfElement(problem.element, values);
        return { path, label: pathLabel(problem.element), reason: reasonText(problem.reason) };
      });
    } else if (error.code === 'VALIDATION_FAILED' && Array.isArray(details?.fields)) {
      for (const field of details.fields) {
        const path = fieldPathOfValidation(field.field);
        if (path) shown.push({ path, label: pathLabel(path), reason: field.code ? reasonText(field.code) : (field.message ?? '') });
      }
    }
    if (shown.length === 0) return null;
    const byField = new Map<string, { name: FieldPath; errors: string[] }>();
    for (const problem of shown) {
      const id = JSON.stringify(problem.path);
      const entry = byField.get(id) ?? { name: problem.path, errors: [] };
      entry.errors.push(problem.reason);
      byField.set(id, entry);
    }
    form.setFields([...byField.values()] as Parameters<typeof form.setFields>[0]);
    return shown;
  };
}

/** The list of problems above the tabs, each a button that opens its tab and focuses its field. */
export function ProblemList({
  title,
  problems,
  onJump,
  type = 'error',
}: {
  title: string;
  problems: Array<{ label: string; reason: string; path?: FieldPath }>;
  onJump: (path: FieldPath) => void;
  type?: 'error' | 'warning';
}) {
  const { t } = useTranslation();
  return (
    <Alert
      type={type}
      showIcon
      role={type === 'error' ? 'alert' : undefined}
      title={title}
      data-testid={type === 'error' ? 'guide-problems' : 'guide-missing'}
      description={
        <ul className="tb-problem-list">
          {problems.map((problem) => (
            <li key={`${problem.path ?? ''}-${problem.label}-${problem.reason}`}>
              {problem.path ? (
                <Button type="link" size="small" className="tb-inline-link" onClick={() => onJump(problem.path!)}>
                  {t('itemAdmin.editor.fieldProblem', { field: problem.label, reason: problem.reason })}
                </Button>
              ) : (
                t('itemAdmin.editor.fieldProblem', { field: problem.label, reason: problem.reason })
              )}
            </li>
          ))}
        </ul>
      }
    />
  );
}
