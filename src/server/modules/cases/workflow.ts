import type { CaseStatus } from '../../platform/db-types.ts';
import type { Guide, WorkflowStep } from '../catalog/index.ts';

/**
 * The case state machine (GLOSSARY: 申报 submitted, 预审 prereview, 受理 accepted, 不予受理 rejected,
 * 补正 correction, 审查 review, 特别程序 special, 决定 decided, 办结 completed, 制证 issued, 送达 delivered).
 * Every action names the states it may start from and the state it leads to; `resume` returns to
 * the state saved when the clock was suspended, `same` keeps the state (the case still changes).
 * This table is the only definition; the service and the property test both read it.
 */
export const transitions = {
  saveDraft: { from: ['draft'], to: 'same' },
  submit: { from: ['draft'], to: 'submitted' },
  /** 一件事: the result a waiting sub-case needs exists (出生医学证明 issued): it reaches its department (申报). */
  release: { from: ['waiting'], to: 'submitted' },
  /** 一件事: the prerequisite sub-case ended without a result: the waiting one ends too (撤回, with the reason). */
  lapse: { from: ['waiting'], to: 'withdrawn' },
  claim: { from: ['submitted', 'prereview', 'correction', 'accepted', 'review', 'special', 'suspended', 'decided'], to: 'claimTarget' },
  accept: { from: ['submitted', 'prereview'], to: 'accepted' },
  deemAccept: { from: ['submitted', 'prereview'], to: 'accepted' },
  notifyDeficiency: { from: ['submitted', 'prereview'], to: 'correction' },
  supplement: { from: ['correction'], to: 'submitted' },
  reject: { from: ['submitted', 'prereview', 'correction'], to: 'rejected' },
  handleImmediately: { from: ['submitted', 'prereview'], to: 'completedOrIssued' },
  review: { from: ['accepted', 'review'], to: 'review' },
  /** 会签: one department's opinion in a countersign step; the step ends when the quorum has signed. */
  countersign: { from: ['accepted', 'review'], to: 'review' },
  decide: { from: ['accepted', 'review'], to: 'decided' },
  /** 办结; with a license result the license is issued at once (制证). */
  complete: { from: ['decided'], to: 'completedOrIssued' },
  startSpecial: { from: ['accepted', 'review'], to: 'special' },
  endSpecial: { from: ['special'], to: 'resume' },
  suspendOverdue: { from: ['accepted', 'review'], to: 'suspended' },
  supplyDeferred: { from: ['accepted', 'review', 'special', 'suspended'], to: 'resumeIfSuspended' },
  signCommitment: { from: ['accepted', 'review', 'special', 'suspended'], to: 'same' },
  requestExtension: { from: ['accepted', 'review', 'special', 'suspended'], to: 'same' },
  decideExtension: { from: ['accepted', 'review', 'special', 'suspended'], to: 'same' },
  transfer: { from: ['submitted', 'prereview', 'correction', 'accepted', 'review', 'special', 'suspended', 'decided'], to: 'same' },
  withdraw: {
    from: ['draft', 'waiting', 'submitted', 'prereview', 'correction', 'accepted', 'review', 'special', 'suspended'],
    to: 'withdrawn',
  },
  postCheck: { from: ['completed', 'issued', 'delivered'], to: 'revokedIfFailed' },
  /** 统一出件: the result is handed over at the pickup window and the hand-over recorded (送达). */
  handOver: { from: ['completed', 'issued'], to: 'delivered' },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: string }>;

export type CaseAction = keyof typeof transitions;

/** States in which the case is still being handled. */
export const openStatuses: CaseStatus[] = ['submitted', 'prereview', 'correction', 'accepted', 'review', 'special', 'suspended'];
/** States before acceptance (the acceptance step's queue). */
export const beforeAcceptance: CaseStatus[] = ['submitted', 'prereview'];
/** States after acceptance in which the clock runs or is suspended. */
export const clockStatuses: CaseStatus[] = ['accepted', 'review', 'special', 'suspended'];
/** 办结, 制证, 送达: the case is complete with a result (only these can be rated, handed over or post-checked). */
export const completeStatuses = ['completed', 'issued', 'delivered'] as const satisfies readonly CaseStatus[];
export const isComplete = (status: string): boolean => (completeStatuses as readonly string[]).includes(status);
/** States a case never leaves (but for a post-check's revocation of a complete one). */
export const finalStatuses: CaseStatus[] = ['rejected', 'withdrawn', 'revoked', ...completeStatuses];

/**
 * Every (from → to) pair the machine can produce, for the property test and for documentation.
 * `resume` targets are the states a suspension can start from.
 */
export function legalMoves(): Set<string> {
  const moves = new Set<string>();
  for (const t of Object.values(transitions)) {
    for (const from of t.from) {
      const targets: string[] =
        t.to === 'same'
          ? [from]
          : t.to === 'claimTarget'
            ? [from === 'submitted' ? 'prereview' : from]
            : t.to === 'resume'
              ? ['accepted', 'review']
              : t.to === 'resumeIfSuspended'
                ? from === 'suspended'
                  ? ['accepted', 'review']
                  : [from]
                : t.to === 'revokedIfFailed'
                  ? [from, 'revoked']
                  : t.to === 'completedOrIssued'
                    ? ['completed', 'issued']
                    : [t.to];
      for (const to of targets) moves.add(`${from}>${to}`);
    }
  }
  return moves;
}

export function canStart(action: CaseAction, status: CaseStatus): boolean {
  return (transitions[action].from as readonly CaseStatus[]).includes(status);
}

/** A step of a case's workflow as copied at filing (the guide's step; a 会签 step also names its departments). */
export type CaseStep = Pick<WorkflowStep, 'key' | 'name' | 'kind' | 'role'> & Partial<WorkflowStep>;

/** The steps of an item: its own, or the default for its handling type. */
export function workflowOf(g: Pick<Guide, 'workflow' | 'handlingType'>): WorkflowStep[] {
  if (g.workflow.length > 0) return g.workflow;
  if (g.handlingType === 'immediate') {
    return [
      { key: 'accept', name: '受理', kind: 'accept', role: 'clerk' },
      { key: 'decide', name: '决定', kind: 'decide', role: 'clerk' },
    ];
  }
  return [
    { key: 'accept', name: '受理', kind: 'accept', role: 'clerk' },
    { key: 'review', name: '审查', kind: 'review', role: 'reviewer' },
    { key: 'decide', name: '决定', kind: 'decide', role: 'approver' },
  ];
}
