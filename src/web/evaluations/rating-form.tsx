import { Alert, Button, Input, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../ui/error-text.ts';
import type { RatingInput, TagCatalog } from './types.ts';
import './evaluations.css';

const SCORES = [5, 4, 3, 2, 1] as const;

/** Tags allowed with a score: praise for 4–5, reasons for 1–2, both for 3 (as the server checks). */
export function tagsFor(catalog: TagCatalog, score: number | null): string[] {
  if (score === null) return [];
  if (score >= 4) return catalog.positive;
  if (score === 3) return [...catalog.positive, ...catalog.negative];
  return catalog.negative;
}

/**
 * The five levels of GB/T 39046 as large buttons (非常满意 … 非常不满意), the tags of the chosen
 * level and a comment. A bad rating (1–2) asks for a reason before it can be sent.
 */
export function RatingForm({
  catalog,
  onSubmit,
  pending,
  error,
  large = false,
}: {
  catalog: TagCatalog;
  onSubmit: (input: RatingInput) => void;
  pending: boolean;
  error: unknown;
  large?: boolean;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [score, setScore] = useState<number | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const bad = score !== null && score <= 2;
  const allowed = tagsFor(catalog, score);

  function choose(next: number) {
    setScore(next);
    setProblem(null);
    setTags((current) => current.filter((tag) => tagsFor(catalog, next).includes(tag)));
  }

  function submit() {
    if (score === null) return setProblem(t('evaluations.form.needScore'));
    if (bad && tags.length === 0 && comment.trim().length < 2) return setProblem(t('evaluations.form.needReason'));
    onSubmit({ score, tags, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  }

  return (
    <div className={`tb-rating-form${large ? ' tb-rating-form-large' : ''}`} data-testid="rating-form">
      <div className="tb-rating-label" id="tb-rating-score-label">
        {t('evaluations.form.scoreLabel')}
      </div>
      <div className="tb-rating-scores" role="radiogroup" aria-labelledby="tb-rating-score-label">
        {SCORES.map((value) => (
          <Button
            key={value}
            role="radio"
            aria-checked={score === value}
            size={large ? 'large' : 'middle'}
            type={score === value ? 'primary' : 'default'}
            danger={score === value && value <= 2}
            className={`tb-rating-score tb-rating-score-${value}`}
            onClick={() => choose(value)}
            data-testid={`score-${value}`}
          >
            {t(`evaluations.score.${value}`)}
          </Button>
        ))}
      </div>
      {score !== null ? (
        <>
          <div className="tb-rating-label">{bad ? t('evaluations.form.reasonsLabel') : t('evaluations.form.tagsLabel')}</div>
          <div className="tb-rating-tags">
            {allowed.map((tag) => (
              <Tag.CheckableTag
                key={tag}
                checked={tags.includes(tag)}
                className="tb-rating-tag"
                data-testid={`tag-${tag}`}
                onChange={(checked) => {
                  setProblem(null);
                  setTags((current) => (checked ? [...current, tag] : current.filter((x) => x !== tag)));
                }}
              >
                {t(`evaluations.tag.${tag}`)}
              </Tag.CheckableTag>
            ))}
          </div>
          <label className="tb-rating-label" htmlFor="tb-rating-comment">
            {t('evaluations.form.commentLabel')}
          </label>
          <Input.TextArea
            id="tb-rating-comment"
            value={comment}
            maxLength={500}
            showCount
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={t('evaluations.form.commentPlaceholder')}
            onChange={(e) => {
              setProblem(null);
              setComment(e.target.value);
            }}
            data-testid="rating-comment"
          />
        </>
      ) : null}
      {problem ? <Alert type="warning" showIcon title={problem} role="alert" /> : null}
      {error ? <Alert type="error" showIcon title={errorText(error)} role="alert" /> : null}
      <Button type="primary" size={large ? 'large' : 'middle'} block={large} loading={pending} onClick={submit} data-testid="rating-submit">
        {t('evaluations.form.submit')}
      </Button>
    </div>
  );
}

/** A score as a coloured tag. */
export function ScoreTag({ score }: { score: number }) {
  const { t } = useTranslation();
  const color = score >= 4 ? 'green' : score === 3 ? 'blue' : 'red';
  return (
    <Tag color={color} data-testid="score-tag">
      {t(`evaluations.score.${score}`)}
    </Tag>
  );
}
