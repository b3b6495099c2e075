import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, rememberCsrfToken } from '../api.ts';
import type { LoginResult } from '../api-types.ts';
import { fetchMe, queryKeys, usePlatform } from '../queries.ts';
import { landingPath } from './landing.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';

type LoginForm = { username: string; password: string; totp?: string };

/** Only same-site paths are followed after login (no open redirect). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/me';
  if (next.startsWith('/login') || next.startsWith('/register') || next.startsWith('/activate')) return '/me';
  return next;
}

/** 登录: username and password, and a one-time code when the account asks for it. */
export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [form] = Form.useForm<LoginForm>();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const registered = params.get('registered') === '1';
  // The demo's accounts are named only on the demo (GET /platform); a real installation shows none.
  const demo = usePlatform().data?.demo === true;

  async function submit(values: LoginForm) {
    setSubmitting(true);
    setError(null);
    try {
      const body = {
        username: values.username.trim(),
        password: values.password,
        ...(needTotp && values.totp ? { totp: values.totp.trim() } : {}),
      };
      const result = await api.post<LoginResult>('/auth/login', body);
      rememberCsrfToken(result.csrfToken);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
      const me = await queryClient.fetchQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 0 });
      // An asked-for page wins; otherwise each role lands where its work is (issue 28).
      const next = params.get('next');
      navigate(next ? safeNext(next) : me ? landingPath(me) : '/me', { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'AUTH_TOTP_REQUIRED') {
        if (!needTotp) setNeedTotp(true);
        else setError(caught);
      } else {
        setError(caught);
      }
      setSubmitting(false);
    }
  }

  return (
    <div className="tb-narrow">
      <Card>
        <Typography.Title level={1} className="tb-page-title">
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.intro')}</Typography.Paragraph>
        {registered ? <Alert type="success" showIcon title={t('register.success')} className="tb-gap" /> : null}
        {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} className="tb-gap" data-testid="login-error" /> : null}
        {needTotp && !error ? <Alert type="info" showIcon role="status" title={t('errors.AUTH_TOTP_REQUIRED')} className="tb-gap" /> : null}
        <Form<LoginForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={submit}
          initialValues={{ username: params.get('username') ?? '' }}
        >
          <Form.Item
            label={t('login.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('login.required', { field: t('login.username') }) }]}
          >
            <Input prefix={<UserOutlined aria-hidden="true" />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined aria-hidden="true" />} autoComplete="current-password" />
          </Form.Item>
          {needTotp ? (
            <Form.Item
              label={t('login.totp')}
              name="totp"
              extra={t('login.totpHelp')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpHelp') }]}
            >
              <Input
                prefix={<SafetyOutlined aria-hidden="true" />}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
              />
            </Form.Item>
          ) : null}
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
        <p className="tb-form-foot">
          {t('login.noAccount')} <Link to="/register">{t('login.toRegister')}</Link>
        </p>
        <p className="tb-form-foot">
          {t('activation.fromLogin')} <Link to="/activate">{t('activation.toActivate')}</Link>
        </p>
        {demo ? (
          <Typography.Paragraph type="secondary" className="tb-demo-note" data-testid="demo-note">
            {t('login.demo')}
          </Typography.Paragraph>
        ) : null}
      </Card>
    </div>
  );
}
