import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, api } from '../api.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { isPhoneNumber, validateIdNumber } from '../../shared/identifiers.ts';
import { loadPasswordPolicy, passwordValidator } from './password-rule.ts';
import { useFeedback } from '../ui/feedback.tsx';

type RegisterForm = { username: string; password: string; name: string; idNumber: string; phone: string; smsCode: string };

const FIELDS: ReadonlyArray<keyof RegisterForm> = ['username', 'password', 'name', 'idNumber', 'phone', 'smsCode'];
const RESEND_SECONDS = 60;

/** Error codes that belong to one field of the form. */
const CODE_FIELDS: Record<string, keyof RegisterForm> = {
  USERNAME_TAKEN: 'username',
  PASSWORD_TOO_WEAK: 'password',
  ID_NUMBER_INVALID: 'idNumber',
  PERSON_ALREADY_REGISTERED: 'idNumber',
  PHONE_INVALID: 'phone',
  SMS_CODE_INVALID: 'smsCode',
};

/** 实名注册: a personal account tied to name, ID number and a phone verified by SMS code. */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('register.title'));
  const navigate = useNavigate();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const [form] = Form.useForm<RegisterForm>();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [sending, setSending] = useState(false);
  const [countdown, setCountdown] = useState(0);

  useEffect(() => {
    void loadPasswordPolicy();
  }, []);

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown((value) => value - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  function showFieldErrors(caught: unknown) {
    if (!(caught instanceof ApiError)) return;
    // The server writes each field's message in the reader's language (Accept-Language): shown as is.
    const fieldErrors: Record<string, string> = {};
    for (const [name, text] of Object.entries(caught.fieldErrors())) {
      const key = `register.${name}Invalid`;
      fieldErrors[name] = text || (i18n.exists(key) ? t(key) : '');
    }
    const field = CODE_FIELDS[caught.code];
    if (field) fieldErrors[field] = errorText(caught);
    form.setFields(
      Object.entries(fieldErrors)
        .filter(([name]) => (FIELDS as readonly string[]).includes(name))
        .map(([name, text]) => ({ name: name as keyof RegisterForm, errors: [text] })),
    );
  }

  async function sendCode() {
    const phone = String(form.getFieldValue('phone') ?? '').trim();
    if (!isPhoneNumber(phone)) {
      form.setFields([{ name: 'phone', errors: [t('register.phoneFirst')] }]);
      return;
    }
    setSending(true);
    setError(null);
    try {
      await api.post('/auth/sms-codes', { phone, purpose: 'register' });
      message.success(t('register.codeSent'));
      setCountdown(RESEND_SECONDS);
    } catch (caught) {
      setError(caught);
      showFieldErrors(caught);
    } finally {
      setSending(false);
    }
  }

  async function submit(values: RegisterForm) {
    setSubmitting(true);
    setError(null);
    try {
      const body = Object.fromEntries(FIELDS.map((name) => [name, name === 'password' ? values[name] : values[name].trim()]));
      await api.post('/auth/register', body);
      navigate(`/login?registered=1&username=${encodeURIComponent(values.username.trim())}`);
    } catch (caught) {
      setError(caught);
      showFieldErrors(caught);
      setSubmitting(false);
    }
  }

  const required = (field: string) => ({ required: true, whitespace: true, message: t('login.required', { field }) });

  return (
    <div className="tb-narrow">
      <Card>
        <Typography.Title level={1} className="tb-page-title">
          {t('register.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('register.intro')}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} className="tb-gap" /> : null}
        <Form<RegisterForm> form={form} layout="vertical" requiredMark={false} onFinish={submit}>
          <Form.Item
            label={t('register.username')}
            name="username"
            extra={t('register.usernameHelp')}
            rules={[required(t('register.username')), { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: t('register.usernameInvalid') }]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item
            label={t('register.password')}
            name="password"
            extra={t('password.rule')}
            dependencies={['username']}
            rules={[
              required(t('register.password')),
              { validator: passwordValidator(t, () => String(form.getFieldValue('username') ?? '')) },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item label={t('register.name')} name="name" rules={[required(t('register.name'))]}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item
            label={t('register.idNumber')}
            name="idNumber"
            rules={[
              required(t('register.idNumber')),
              {
                validator: async (_, value?: string) => {
                  if (value && !validateIdNumber(value.trim()).ok) throw new Error(t('register.idNumberInvalid'));
                },
              },
            ]}
          >
            <Input maxLength={18} autoComplete="off" />
          </Form.Item>
          <Form.Item
            label={t('register.phone')}
            name="phone"
            rules={[
              required(t('register.phone')),
              {
                validator: async (_, value?: string) => {
                  if (value && !isPhoneNumber(value.trim())) throw new Error(t('register.phoneInvalid'));
                },
              },
            ]}
          >
            <Input inputMode="tel" maxLength={11} autoComplete="tel" />
          </Form.Item>
          <Form.Item label={t('register.smsCode')} htmlFor="smsCode" required>
            <Space.Compact className="tb-full">
              <Form.Item
                name="smsCode"
                noStyle
                rules={[required(t('register.smsCode')), { pattern: /^\d{6}$/, message: t('register.smsCodeInvalid') }]}
              >
                <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
              </Form.Item>
              <Button onClick={sendCode} loading={sending} disabled={countdown > 0}>
                {countdown > 0 ? t('register.resendIn', { seconds: countdown }) : t('register.sendCode')}
              </Button>
            </Space.Compact>
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            {t('register.submit')}
          </Button>
        </Form>
        <p className="tb-form-foot">
          {t('register.haveAccount')} <Link to="/login">{t('register.toLogin')}</Link>
        </p>
      </Card>
    </div>
  );
}
