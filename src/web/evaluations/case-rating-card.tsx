import { LikeOutlined } from '@ant-design/icons';
import { Button, Card, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeedback } from '../ui/feedback.tsx';
import { useCaseEvaluation, useRateCase } from './queries.ts';
import { RatingForm, ScoreTag } from './rating-form.tsx';

const COMPLETE = ['completed', 'issued', 'delivered'];

/**
 * 好差评 on the applicant's case page: once the case is complete, a button opens the rating
 * dialog (一事一评); afterwards the rating and, for a bad one, the follow-up's progress.
 */
export function CaseRatingCard({ c }: { c: { id: string; status: string; itemName: string } }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const status = useCaseEvaluation(c.id, COMPLETE.includes(c.status));
  const rate = useRateCase(c.id);
  const [open, setOpen] = useState(false);
  if (!COMPLETE.includes(c.status) || !status.data || status.data.reason === 'notParty') return null;
  const own = status.data.evaluations.filter((e) => e.channel === 'online' || e.channel === 'sms' || e.channel === 'app');
  return (
    <Card title={t('evaluations.card.title')} data-testid="case-rating">
      {status.data.canRate ? (
        <>
          <Typography.Paragraph>{t('evaluations.card.intro')}</Typography.Paragraph>
          <Button type="primary" icon={<LikeOutlined />} onClick={() => setOpen(true)} data-testid="rate-case">
            {t('evaluations.card.rate')}
          </Button>
        </>
      ) : null}
      {own.map((e) => (
        <div key={e.id} className="tb-stack" data-testid="my-rating">
          <div>
            <strong>{t('evaluations.card.yours')}</strong>：<ScoreTag score={e.score} />{' '}
            <span>{t(`evaluations.channel.${e.channel}`)}</span>
          </div>
          {e.tags.length ? <div>{e.tags.map((tag) => t(`evaluations.tag.${tag}`)).join('、')}</div> : null}
          {e.comment ? <Typography.Paragraph type="secondary">{e.comment}</Typography.Paragraph> : null}
          {e.rectification ? (
            <div>{t('evaluations.card.rectification', { status: t(`evaluations.rect.status.${e.rectification.status}`) })}</div>
          ) : null}
        </div>
      ))}
      <Modal
        open={open}
        title={t('evaluations.card.dialogTitle', { name: c.itemName })}
        onCancel={() => setOpen(false)}
        footer={null}
        destroyOnHidden
      >
        <RatingForm
          catalog={status.data.tags}
          pending={rate.isPending}
          error={rate.error}
          onSubmit={(input) =>
            void rate.mutateAsync(input).then(
              () => {
                setOpen(false);
                message.success(t('evaluations.card.done'));
              },
              () => undefined,
            )
          }
        />
      </Modal>
    </Card>
  );
}
