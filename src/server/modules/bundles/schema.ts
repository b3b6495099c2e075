import { z } from 'zod';
import { pageQuery } from '../../platform/http.ts';
import { simpleField, tableField } from '../catalog/index.ts';
import { regionCode } from '../../platform/region-code.ts';

/** Request and response schemas of the bundle (一件事) API. Bodies are strict. */

const key = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'keyInvalid');
const text = (max: number) => z.string().trim().max(max);
/** The version the client saw: every change to a bundle case names it (optimistic concurrency). */
const version = z.number().int().min(1);

export const answers = z.record(key, z.union([key, z.array(key).max(20)]));
export const idParam = z.strictObject({ id: z.uuid() });
export const bundlesQuery = z.strictObject({
  regionCode: regionCode.optional(),
});
export const evaluateBody = z.strictObject({ answers: answers.default({}) });

export const applyBundleBody = z.strictObject({
  answers: answers.default({}),
  /** The merged form: one value per merged field key. */
  formData: z.record(z.string(), z.unknown()).default({}),
  /** The merged materials: one file per merged material key. */
  materials: z
    .array(z.strictObject({ key, materialId: z.uuid() }))
    .max(60)
    .default([]),
  organizationId: z.uuid().optional(),
  /** Window clerks: the walk-in applicant. */
  applicant: z.strictObject({ name: text(40).min(2), idNumber: z.string().trim().max(18), phone: z.string().trim().max(11) }).optional(),
});
export type ApplyBundleBody = z.infer<typeof applyBundleBody>;

export const bundleSupplementBody = z.strictObject({
  version,
  materials: z
    .array(z.strictObject({ key, materialId: z.uuid() }))
    .min(1)
    .max(60),
});
export type BundleSupplementBody = z.infer<typeof bundleSupplementBody>;

export const bundleHandOverBody = z.strictObject({
  version,
  recipientName: text(40).min(2),
  method: z.enum(['window', 'express']).default('window'),
  note: text(500).optional(),
});
export type BundleHandOverBody = z.infer<typeof bundleHandOverBody>;

export const myBundleCasesQuery = pageQuery;
export const staffBundleCasesQuery = pageQuery.extend({ queue: z.enum(['open', 'toHandOver', 'all']).default('open') });

const figures = z.object({ materials: z.number(), fields: z.number(), steps: z.number(), visits: z.number() });
export const reduction = z.object({ itemByItem: figures, bundle: figures, percent: figures }).meta({ id: 'Reduction' });

const dept = z.object({ id: z.string(), name: z.string() });
export const bundleSummary = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    theme: z.string(),
    regionCode,
    description: z.string(),
    leadDepartment: dept,
    coDepartments: z.array(dept),
    itemCount: z.number(),
    promisedDays: z.number(),
    reduction,
    version: z.number(),
  })
  .meta({ id: 'BundleSummary' });

const mergedField = { items: z.array(z.string()) };
export const selection = z
  .object({
    items: z.array(
      z.object({
        key: z.string(),
        itemCode: z.string(),
        name: z.string(),
        departmentId: z.string(),
        departmentName: z.string(),
        situationKey: z.string(),
        situationName: z.string(),
        handlingType: z.string(),
        promisedDays: z.number(),
        steps: z.number(),
        maxVisits: z.number(),
        result: z.unknown(),
        waitsFor: z.array(z.string()),
        fromResults: z.array(z.object({ field: z.string(), label: z.string(), from: z.string() })),
      }),
    ),
    /** Merged form fields: the catalog's field shape plus the names of the items asking it. */
    form: z.array(z.union([simpleField.extend(mergedField), tableField.extend(mergedField)])),
    materials: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        note: z.string().nullable(),
        required: z.boolean(),
        deferrable: z.boolean(),
        fileTypes: z.array(z.string()),
        maxSizeMb: z.number(),
        items: z.array(z.string()),
        sharedFrom: z.string().nullable(),
      }),
    ),
    reduction,
  })
  .meta({ id: 'BundleSelection' });

export const bundleDetail = bundleSummary
  .extend({
    questionnaire: z.array(
      z.object({
        key: z.string(),
        text: z.string(),
        multiple: z.boolean(),
        options: z.array(z.object({ key: z.string(), label: z.string() })),
      }),
    ),
    full: selection,
  })
  .meta({ id: 'BundleDetail' });

export const reductionIndicator = z
  .object({
    bundles: z.array(z.object({ id: z.string(), key: z.string(), name: z.string(), regionCode, itemCount: z.number(), reduction })),
    total: z.object({ count: z.number(), itemByItem: figures, bundle: figures, percent: figures }),
  })
  .meta({ id: 'ReductionIndicator' });

const bundleStatus = z.enum(['submitted', 'inProgress', 'correction', 'completed', 'closed', 'delivered']);
export const bundleCaseSummary = z
  .object({
    id: z.string(),
    number: z.string(),
    bundleId: z.string(),
    bundleName: z.string(),
    status: bundleStatus,
    applicantName: z.string(),
    subCaseCount: z.number(),
    doneCount: z.number(),
    promisedDueOn: z.string(),
    submittedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'BundleCaseSummary' });

export const bundleCaseDetail = z
  .object({
    id: z.string(),
    number: z.string(),
    bundleId: z.string(),
    bundleName: z.string(),
    regionCode,
    channel: z.string(),
    applicantName: z.string(),
    status: bundleStatus,
    version: z.number(),
    submittedAt: z.string(),
    clock: z.object({
      promisedDays: z.number(),
      startedOn: z.string(),
      promisedDueOn: z.string(),
      latestSubCaseDueOn: z.string().nullable(),
      overdue: z.boolean(),
    }),
    answers: z.unknown(),
    subCases: z.array(
      z.object({
        id: z.string(),
        number: z.string().nullable(),
        itemName: z.string(),
        implementationCode: z.string(),
        departmentId: z.string(),
        departmentName: z.string(),
        status: z.string(),
        decision: z.string().nullable(),
        decisionReason: z.string().nullable(),
        step: z.string(),
        promisedDueOn: z.string().nullable(),
        warningLevel: z.string(),
        version: z.number(),
        readable: z.boolean(),
        /** While `waiting`: the items whose result it waits for. */
        waitsFor: z.array(z.string()),
      }),
    ),
    materials: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        materialId: z.string(),
        name: z.string(),
        filename: z.string(),
        kind: z.string(),
        size: z.number(),
        contentUrl: z.string(),
      }),
    ),
    corrections: z.array(
      z.object({
        caseId: z.string(),
        number: z.string().nullable(),
        itemName: z.string(),
        issuedAt: z.string().nullable(),
        note: z.string().nullable(),
        items: z.array(
          z.object({ key: z.string(), requirementKey: z.string(), name: z.string(), problem: z.string(), note: z.string().nullable() }),
        ),
      }),
    ),
    toSupplement: z.array(z.object({ key: z.string(), name: z.string() })),
    attention: z.array(
      z.object({
        caseId: z.string(),
        itemName: z.string(),
        status: z.string(),
        decision: z.string().nullable(),
        reason: z.string().nullable(),
      }),
    ),
    package: z.object({
      ready: z.boolean(),
      entries: z.array(
        z.object({
          caseId: z.string(),
          number: z.string().nullable(),
          itemName: z.string(),
          status: z.string(),
          decision: z.string().nullable(),
          license: z
            .object({ identifier: z.string(), typeName: z.string(), status: z.string(), holderName: z.string(), holderCode: z.string() })
            .nullable(),
          documents: z.array(z.object({ kind: z.string(), url: z.string() })),
        }),
      ),
    }),
    delivery: z.object({ at: z.string(), windowId: z.string().nullable() }).nullable(),
    timeline: z.array(
      z.object({
        at: z.string(),
        action: z.string(),
        itemName: z.string().nullable(),
        caseId: z.string().nullable(),
        actorName: z.string(),
        toStatus: z.string().nullable(),
        note: z.string().nullable(),
      }),
    ),
    allowedActions: z.array(z.string()),
  })
  .meta({ id: 'BundleCaseDetail' });
