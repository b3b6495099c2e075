import { Card, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../api.ts';
import { useDateFormat } from '../cases/labels.tsx';
import { PageLoading } from '../ui/app-layout.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { useRateWithToken, useTokenInfo } from './queries.ts';
import { RatingForm } from './rating-form.tsx';

/**
 * /rate/:token — public rating page (no login): the window's tablet or a phone that scanned the
 * window's QR code (一次一评), or the link in the SMS sent when a case completed. Large buttons.
 */
export function RatePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  usePageTitle(t('evaluations.ratePage.title'));
  const info = useTokenInfo(token);
  const rate = useRateWithToken(token);
  const { dateTime } = useDateFormat();
  if (info.isPending) return <PageLoading />;
  if (rate.data) {
    return (
      <div className="tb-page tb-rate-page">
        <Result
          status="success"
          title={t('evaluations.ratePage.thanksTitle')}
          data-testid="rate-thanks"
          subTitle={rate.data.bad ? t('evaluations.ratePage.thanksBad') : t('evaluations.ratePage.thanksGood')}
        />
      </div>
    );
  }
  if (info.isError || !info.data) {
    return (
      <div className="tb-page tb-rate-page">
        <Result
          status="warning"
          title={t('evaluations.ratePage.invalidTitle')}
          subTitle={
            // Rated already through another channel (online, the SMS link, a window code): the server says which rule.
            info.error instanceof ApiError && info.error.code === 'EVALUATION_DUPLICATE' && info.error.message
              ? info.error.message
              : t('evaluations.ratePage.invalidText')
          }
          data-testid="rate-invalid"
        />
      </div>
    );
  }
  const d = info.data;
  return (
    <div className="tb-page tb-rate-page tb-stack">
      <Typography.Title level={1} className="tb-page-title">
        {t('evaluations.ratePage.title')}
      </Typography.Title>
      <Card>
        <ul className="tb-rate-facts" data-testid="rate-facts">
          {d.hallName ? <li>{t('evaluations.ratePage.hall', { name: d.hallName })}</li> : null}
          {d.windowName ? <li>{t('evaluations.ratePage.window', { name: d.windowName })}</li> : null}
          {d.itemName ? (
            <li>
              {t('evaluations.ratePage.item', { name: d.itemName })}
              {d.caseNumber ? `（${d.caseNumber}）` : ''}
            </li>
          ) : null}
          <li>{t('evaluations.ratePage.department', { name: d.departmentName })}</li>
          {d.staff.length ? <li>{t('evaluations.ratePage.staff', { names: d.staff.map((s) => s.name).join('、') })}</li> : null}
          <li>{t('evaluations.ratePage.expires', { time: dateTime(d.expiresAt) })}</li>
        </ul>
        <RatingForm large catalog={d.tags} pending={rate.isPending} error={rate.error} onSubmit={(input) => rate.mutate(input)} />
      </Card>
    </div>
  );
}
