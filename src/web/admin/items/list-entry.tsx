import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { KEY_PATTERN } from './guide-options.ts';

/** One entry of a list in the guide form (a material, a situation…), titled by its name, with a remove button. */
export function EntryCard({
  list,
  index,
  titleField,
  onRemove,
  children,
}: {
  list: Array<string | number>;
  index: number;
  titleField: string;
  onRemove: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const title = Form.useWatch([...list, index, titleField]) as string | undefined;
  const entry = t('itemAdmin.list.entry', { number: index + 1 });
  const name = title?.trim() || entry;
  return (
    <Card
      size="small"
      className="tb-entry"
      title={<h3 className="tb-entry-title">{title?.trim() ? `${entry} · ${title}` : entry}</h3>}
      extra={
        <Button
          size="small"
          danger
          type="text"
          icon={<DeleteOutlined />}
          onClick={onRemove}
          aria-label={t('itemAdmin.list.removeNamed', { name })}
        >
          {t('itemAdmin.list.remove')}
        </Button>
      }
    >
      {children}
    </Card>
  );
}

/** The "add" button under a list. */
export function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button type="dashed" block icon={<PlusOutlined />} onClick={onClick}>
      {children}
    </Button>
  );
}

/** A new key not yet used in the list: `material3`, `situation2`… */
export function newKey(prefix: string, used: Array<{ key?: string } | undefined>): string {
  const taken = new Set(used.map((entry) => entry?.key));
  let number = used.length + 1;
  while (taken.has(`${prefix}${number}`)) number += 1;
  return `${prefix}${number}`;
}

/** The rules of a camelCase key. */
export function useKeyRules() {
  const { t } = useTranslation();
  return [{ required: true, pattern: KEY_PATTERN, message: t('itemAdmin.fields.keyHelp') }];
}
