import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, rememberCsrfToken } from '../api.ts';
import type { LoginResult } from '../api-types.ts';
import { QrCode } from '../licenses/qr-code.tsx';
import { fetchMe, queryKeys } from '../queries.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { loadPasswordPolicy, passwordValidator } from './password-rule.ts';

type CodeForm = { username: string; code: string };
type SecretForm = { password: string; passwordAgain: string; totp: string };
type Enrolment = { username: string; code: string; otpauthUri: string; secret: string };

/**
 * /activate — 激活账号: the holder of a new (or reset) staff account, or the initial administrator,
 * enters the one-time code, enrols the authenticator and sets the password. The creator never sees either.
 */
export function ActivatePage() {
  const { t } = useTranslation();
  usePageTitle(t('activation.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [codeForm] = Form.useForm<CodeForm>();
  const [secretForm] = Form.useForm<SecretForm>();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadPasswordPolicy();
  }, []);

  async function start(values: CodeForm) {
    setBusy(true);
    setError(null);
    try {
      const body = { username: values.username.trim(), code: values.code.trim() };
      const answer = await api.post<{ username: string; otpauthUri: string; secret: string }>('/auth/activation', body);
      setEnrolment({ ...answer, code: body.code });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function complete(values: SecretForm) {
    if (!enrolment) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<LoginResult>('/auth/activation/complete', {
        username: enrolment.username,
        code: enrolment.code,
        password: values.password,
        totp: values.totp.trim(),
      });
      rememberCsrfToken(result.csrfToken);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
      await queryClient.fetchQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 0 });
      navigate('/me', { replace: true });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <div className="tb-narrow">
      <Card>
        <Typography.Title level={1} className="tb-page-title">
          {t('activation.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('activation.intro')}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} className="tb-gap" /> : null}
        {enrolment ? (
          <Form<SecretForm> form={secretForm} layout="vertical" requiredMark={false} onFinish={(v) => void complete(v)}>
            <Typography.Paragraph>{t('activation.scan')}</Typography.Paragraph>
            <QrCode value={enrolment.otpauthUri} size={200} label={t('activation.qr')} />
            <Typography.Paragraph>
              {t('activation.secret')}：
              <Typography.Text code copyable data-testid="totp-secret">
                {enrolment.secret}
              </Typography.Text>
            </Typography.Paragraph>
            <Form.Item
              label={t('activation.password')}
              name="password"
              extra={t('password.rule')}
              rules={[
                { required: true, message: t('login.required', { field: t('activation.password') }) },
                { validator: passwordValidator(t, () => enrolment.username) },
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label={t('activation.passwordAgain')}
              name="passwordAgain"
              dependencies={['password']}
              rules={[
                { required: true, message: t('login.required', { field: t('activation.passwordAgain') }) },
                ({ getFieldValue }) => ({
                  validator: async (_, value?: string) => {
                    if (value && value !== getFieldValue('password')) throw new Error(t('activation.passwordMismatch'));
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label={t('activation.totp')}
              name="totp"
              extra={t('activation.totpHelp')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('activation.totpHelp') }]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('activation.submit')}
            </Button>
          </Form>
        ) : (
          <Form<CodeForm>
            form={codeForm}
            layout="vertical"
            requiredMark={false}
            onFinish={(v) => void start(v)}
            initialValues={{ username: params.get('username') ?? '' }}
          >
            <Form.Item
              label={t('activation.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('login.required', { field: t('activation.username') }) }]}
            >
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              label={t('activation.code')}
              name="code"
              extra={t('activation.codeHelp')}
              rules={[{ required: true, whitespace: true, message: t('login.required', { field: t('activation.code') }) }]}
            >
              <Input autoComplete="one-time-code" maxLength={24} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('activation.next')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
