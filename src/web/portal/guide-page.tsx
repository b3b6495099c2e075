import { ArrowLeftOutlined, FilePdfOutlined, PhoneOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Descriptions, Result, Skeleton, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api.ts';
import { ItemBadges, formatLimit, useEnumLabel, visitsLabel } from '../catalog/labels.tsx';
import { guidePdfUrl, useItem } from '../catalog/queries.ts';
import type { Fee, ItemDetail } from '../catalog/types.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { useDescriptionsLayout } from '../ui/responsive.ts';
import { GuideMaterials } from './guide-materials.tsx';
import { textSteps } from './guide-text.ts';

/** /items/:code — the published 办事指南 of an item, written for a resident. */
export function GuidePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const item = useItem(code);
  const errorText = useErrorText();
  const navigate = useNavigate();
  usePageTitle(item.data?.name ?? '');
  if (item.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (item.isError) {
    if (item.error instanceof ApiError && item.error.status === 404) {
      return (
        <Result
          status="404"
          title={<h1 className="tb-result-title">{t('guide.notFound')}</h1>}
          subTitle={t('guide.notFoundText')}
          extra={
            <Button type="primary" onClick={() => navigate('/')}>
              {t('guard.backHome')}
            </Button>
          }
        />
      );
    }
    return (
      <Alert
        type="error"
        showIcon
        title={t('errors.loadFailed')}
        description={errorText(item.error)}
        action={<Button onClick={() => void item.refetch()}>{t('errors.retry')}</Button>}
      />
    );
  }
  return <GuideView item={item.data} />;
}

function GuideView({ item }: { item: ItemDetail }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const label = useEnumLabel();
  const layout = useDescriptionsLayout();
  const guide = item.guide;
  const immediate = guide.handlingType === 'immediate';
  const join = (values: string[], group: string) => values.map((value) => label(group, value)).join(t('guide.listSeparator')) || '—';
  const yesNo = (value: boolean) => t(value ? 'guide.supported' : 'guide.notSupported');
  const overview: Array<{ key: string; label: string; children: ReactNode }> = [
    { key: 'handlingType', label: t('guide.handlingType'), children: label('handlingType', guide.handlingType) },
    { key: 'promisedLimit', label: t('guide.promisedLimit'), children: formatLimit(t, guide.promisedLimit, immediate) },
    { key: 'legalLimit', label: t('guide.legalLimit'), children: formatLimit(t, guide.legalLimit, immediate) },
    { key: 'visits', label: t('guide.visits'), children: visitsLabel(t, guide.maxVisits) },
    { key: 'onlineDepth', label: t('guide.onlineDepth'), children: label('onlineDepth', guide.onlineDepth) },
    { key: 'handlingForms', label: t('guide.handlingForms'), children: join(guide.handlingForms, 'handlingForms') },
    { key: 'crossRegion', label: t('guide.crossRegion'), children: label('crossRegion', guide.crossRegionScope) },
    { key: 'serviceObjects', label: t('guide.serviceObjects'), children: join(guide.serviceObjects, 'serviceObjects') },
    { key: 'booking', label: t('guide.booking'), children: yesNo(guide.canBookOnline) },
    { key: 'express', label: t('guide.express'), children: yesNo(guide.supportsExpress) },
    { key: 'payment', label: t('guide.payment'), children: yesNo(guide.supportsOnlinePayment) },
    { key: 'result', label: t('guide.result'), children: guide.result.type === 'none' ? label('resultType', 'none') : guide.result.name },
    {
      key: 'fees',
      label: t('guide.fees'),
      children:
        guide.fees.length === 0 ? <strong>{t('guide.noFee')}</strong> : guide.fees.map((fee) => fee.name).join(t('guide.listSeparator')),
    },
    { key: 'itemType', label: t('guide.itemType'), children: label('itemType', guide.itemType) },
  ];
  const whereWhen: DescriptionsProps['items'] = [
    { key: 'places', label: t('guide.places'), children: <span className="tb-pre">{guide.places}</span> },
    { key: 'hours', label: t('guide.hours'), children: <span className="tb-pre">{guide.hours}</span> },
    { key: 'consult', label: t('guide.consultPhone'), children: <Phone number={guide.consultPhone} /> },
    { key: 'complaint', label: t('guide.complaintPhone'), children: <Phone number={guide.complaintPhone} /> },
  ];
  const published = item.publishedAt ? new Date(item.publishedAt).toLocaleDateString(i18n.language) : '—';

  return (
    <article className="tb-page tb-stack tb-guide" aria-labelledby="guide-title">
      <BackButton />
      <header className="tb-guide-head">
        <Typography.Title level={1} id="guide-title" className="tb-page-title">
          {item.name}
        </Typography.Title>
        <p className="tb-card-meta">
          <span>
            {t('guide.department')}
            {t('guide.colon')}
            <Link to={`/departments/${item.department.id}/items`}>{item.department.name}</Link>
          </span>
        </p>
        <ItemBadges item={item} />
        <p className="tb-card-meta tb-guide-code">
          {t('guide.code')}
          {t('guide.colon')}
          <span className="tb-code">{item.implementationCode}</span>
        </p>
      </header>
      <Card className="tb-guide-actions">
        <div className="tb-actions">
          <Button
            type="primary"
            size="large"
            icon={<SendOutlined />}
            aria-describedby="apply-note"
            data-testid="apply-online"
            onClick={() => void navigate(`/apply/${item.implementationCode}`)}
          >
            {t('guide.apply')}
          </Button>
          <Button
            size="large"
            icon={<FilePdfOutlined />}
            href={guidePdfUrl(item.implementationCode)}
            target="_blank"
            rel="noopener"
            data-testid="guide-pdf"
          >
            {t('guide.print')}
            <span className="tb-visually-hidden">{t('guide.printHint')}</span>
          </Button>
        </div>
        <p id="apply-note" className="tb-note tb-apply-note">
          {t('guide.applyNote')}
        </p>
      </Card>
      <nav className="tb-guide-nav" aria-label={t('portalPlus.guideNav')}>
        <ul>
          {[
            ['guide-conditions', t('guide.conditions')],
            ['guide-materials', t('guide.materials')],
            ['guide-process', t('guide.process')],
            ['guide-where', t('guide.whereWhen')],
            ['guide-fees', t('guide.fees')],
            ['guide-basis', t('guide.legalBasis')],
            ['guide-faq', t('guide.faq')],
          ].map(([id, text]) => (
            <li key={id}>
              <a href={`#${id}`}>{text}</a>
            </li>
          ))}
        </ul>
      </nav>
      <Card title={<h2 className="tb-card-heading">{t('guide.overview')}</h2>}>
        <dl className="tb-facts">
          {overview.map((fact) => (
            <div key={fact.key} className="tb-fact">
              <dt>{fact.label}</dt>
              <dd>{fact.children}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <TextCard id="guide-conditions" title={t('guide.conditions')} text={guide.conditions} />
      <GuideMaterials guide={guide} />
      <TextCard id="guide-process" title={t('guide.process')} text={guide.process} />
      <Card id="guide-where" title={<h2 className="tb-card-heading">{t('guide.whereWhen')}</h2>}>
        <Descriptions {...layout} column={1} items={whereWhen} />
      </Card>
      <Card id="guide-fees" title={<h2 className="tb-card-heading">{t('guide.fees')}</h2>}>
        {guide.fees.length === 0 ? (
          <p className="tb-no-fee">
            <strong>{t('guide.noFee')}</strong>
          </p>
        ) : (
          <FeeList fees={guide.fees} />
        )}
      </Card>
      <TextCard id="guide-basis" title={t('guide.legalBasis')} text={guide.legalBasis} />
      <Card id="guide-faq" title={<h2 className="tb-card-heading">{t('guide.faq')}</h2>}>
        {guide.faq.length === 0 ? (
          <p>{t('guide.noFaq')}</p>
        ) : (
          <Collapse
            items={guide.faq.map((entry, index) => ({ key: String(index), label: entry.q, children: <p className="tb-pre">{entry.a}</p> }))}
          />
        )}
      </Card>
      <p className="tb-muted">{t('guide.publishedAt', { version: item.guideVersion, date: published })}</p>
      {/* On a phone the 在线申请 button stays at the bottom of the screen (浙里办, 粤省事 do the same). */}
      <div className="tb-apply-bar" data-testid="apply-bar">
        <span className="tb-apply-bar-name">{item.name}</span>
        <Button type="primary" size="large" icon={<SendOutlined />} onClick={() => void navigate(`/apply/${item.implementationCode}`)}>
          {t('portalPlus.applyBar')}
        </Button>
      </div>
    </article>
  );
}

/** Back to the previous page of the portal (the search results), or home when the guide was opened directly. */
function BackButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const hasHistory = typeof window !== 'undefined' && (window.history.state as { idx?: number } | null)?.idx;
  return (
    <Button type="link" className="tb-back-link" icon={<ArrowLeftOutlined />} onClick={() => (hasHistory ? navigate(-1) : navigate('/'))}>
      {hasHistory ? t('catalog.backToSearch') : t('nav.portal')}
    </Button>
  );
}

/** A guide text as a numbered list when it has several entries (受理条件, 办理流程, 设定依据), else a paragraph. */
function TextCard({ id, title, text }: { id: string; title: string; text: string }) {
  const steps = textSteps(text);
  return (
    <Card id={id} title={<h2 className="tb-card-heading">{title}</h2>}>
      {steps.length > 1 ? (
        <ol className="tb-steps">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      ) : (
        <p className="tb-pre">{text || '—'}</p>
      )}
    </Card>
  );
}

function Phone({ number }: { number: string }) {
  if (!number) return <>—</>;
  return (
    <a href={`tel:${number.replace(/[^\d+-]/g, '')}`}>
      <PhoneOutlined aria-hidden="true" /> {number}
    </a>
  );
}

function FeeList({ fees }: { fees: Fee[] }) {
  const { t } = useTranslation();
  return (
    <ul className="tb-rows">
      {fees.map((fee) => (
        <li key={fee.name} className="tb-row">
          <span className="tb-row-title">
            {fee.name}
            {fee.amountYuan !== undefined ? ` · ${t('guide.feeAmount', { amount: fee.amountYuan })}` : ''}
          </span>
          <span>
            {t('guide.feeStandard')}
            {t('guide.colon')}
            {fee.standard}
          </span>
          {fee.formula ? (
            <span>
              {t('guide.feeFormula')}
              {t('guide.colon')}
              {fee.formula}
            </span>
          ) : null}
          <span className="tb-row-meta">
            {t('guide.feeBasis')}
            {t('guide.colon')}
            {fee.basis}
          </span>
          {fee.collectedAt ? (
            <span className="tb-row-meta">
              {t('guide.collectedAt')}
              {t('guide.colon')}
              {fee.collectedAt}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
