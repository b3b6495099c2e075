import { CheckCircleFilled, DeleteOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../ui/error-text.ts';
import { RequirementTags } from './case-materials.tsx';
import { caseKeys, uploadMaterial } from './queries.ts';
import type { ChosenMaterial, StoredMaterial } from './types.ts';

/** Every kind the platform stores (used when a requirement's own list is unknown). */
const ALL_KINDS = ['pdf', 'jpg', 'png', 'ofd', 'doc', 'docx', 'xls', 'xlsx'];

/** What a slot asks for: one material requirement of the guide. */
export type SlotRequirement = {
  key: string;
  name: string;
  required: boolean;
  deferrable: boolean;
  fileTypes?: string[];
  maxSizeMb?: number;
};

type Props = {
  requirement: SlotRequirement;
  value: ChosenMaterial | undefined;
  onChange: (value: ChosenMaterial | undefined) => void;
  /** A sentence from the server (or the page's own check) about this material. */
  error?: string;
  /** My stored materials to pick from. */
  wallet?: StoredMaterial[];
  /** A note under the requirement (可容缺, replaced by a commitment…). */
  hint?: ReactNode;
  /** Hides the upload controls (e.g. the material is replaced by a commitment). */
  disabled?: boolean;
};

/** The kind a file name claims (jpeg counts as jpg). */
function kindOf(filename: string): string {
  const ext = filename.split('.').pop()?.toLowerCase() ?? '';
  return ext === 'jpeg' ? 'jpg' : ext;
}

/** A stored material as the application refers to it. */
export function chosenFrom(material: StoredMaterial): ChosenMaterial {
  return { id: material.id, filename: material.filename, kind: material.kind, size: material.size, contentUrl: material.contentUrl };
}

/**
 * One upload slot of an application: the requirement's marks and allowed types, the chosen file
 * with a link to view it, an upload button (checked here for type and size, and by content on the
 * server), a picker of my stored materials, and the error sentence for this material.
 */
export function MaterialSlot({ requirement, value, onChange, error, wallet = [], hint, disabled }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const baseId = useId();
  const types = requirement.fileTypes?.length ? requirement.fileTypes : ALL_KINDS;
  const maxMb = requirement.maxSizeMb ?? 20;
  const typeList = types.map((type) => type.toUpperCase()).join(t('guide.listSeparator'));
  const shownError = localError ?? error;
  const fits = wallet.filter((material) => types.includes(material.kind) && material.size <= maxMb * 1024 * 1024);

  async function upload(file: File) {
    setLocalError(null);
    if (!types.includes(kindOf(file.name))) {
      setLocalError(t('apply.materials.wrongType', { types: typeList }));
      return;
    }
    if (file.size > maxMb * 1024 * 1024) {
      setLocalError(t('apply.materials.tooLarge', { size: maxMb }));
      return;
    }
    setUploading(true);
    try {
      const stored = await uploadMaterial(file);
      setPickerKey((key) => key + 1);
      onChange(chosenFrom(stored));
      void queryClient.invalidateQueries({ queryKey: caseKeys.wallet });
    } catch (caught) {
      setLocalError(errorText(caught));
    } finally {
      setUploading(false);
      if (inputRef.current) inputRef.current.value = '';
    }
  }

  function pick(id: string) {
    const material = wallet.find((entry) => entry.id === id);
    if (!material) return;
    setLocalError(null);
    onChange(chosenFrom(material));
  }

  function remove() {
    setPickerKey((key) => key + 1);
    onChange(undefined);
  }

  return (
    <li className={`tb-material tb-slot${shownError ? ' tb-slot-error' : ''}`} data-testid={`slot-${requirement.key}`}>
      <div className="tb-material-head">
        <span className="tb-material-name" id={`${baseId}-name`}>
          {requirement.name}
        </span>
        <span className="tb-tags">
          <RequirementTags required={requirement.required} deferrable={requirement.deferrable} />
        </span>
      </div>
      <p className="tb-material-meta" id={`${baseId}-types`}>
        {t('apply.materials.allowed', { types: typeList, size: maxMb })}
      </p>
      {hint ? <div className="tb-material-meta">{hint}</div> : null}
      {value ? (
        <p className="tb-slot-file" data-testid={`chosen-${requirement.key}`}>
          <CheckCircleFilled className="tb-ok-icon" aria-hidden="true" />
          <span className="tb-visually-hidden">{t('apply.materials.chosen')}：</span>
          <a href={value.contentUrl} target="_blank" rel="noopener">
            <FileOutlined aria-hidden="true" /> {value.filename}
          </a>
          {disabled ? null : (
            <Button
              size="small"
              type="link"
              icon={<DeleteOutlined />}
              onClick={remove}
              aria-label={t('apply.materials.removeNamed', { name: requirement.name })}
            >
              {t('apply.materials.remove')}
            </Button>
          )}
        </p>
      ) : null}
      {disabled ? null : (
        <div className="tb-slot-actions">
          <input
            ref={inputRef}
            type="file"
            className="tb-file-input"
            accept={types.map((type) => `.${type}${type === 'jpg' ? ',.jpeg' : ''}`).join(',')}
            aria-label={t('apply.materials.fileLabel', { name: requirement.name })}
            data-testid={`upload-${requirement.key}`}
            tabIndex={-1}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void upload(file);
            }}
          />
          <Button
            icon={<UploadOutlined />}
            loading={uploading}
            onClick={() => inputRef.current?.click()}
            aria-describedby={`${baseId}-name ${baseId}-types${shownError ? ` ${baseId}-error` : ''}`}
          >
            {uploading ? t('apply.materials.uploading') : value ? t('apply.materials.replace') : t('apply.materials.upload')}
          </Button>
          {wallet.length > 0 ? (
            <Select
              key={pickerKey}
              className="tb-wallet-select"
              placeholder={t('apply.materials.fromWallet')}
              aria-label={`${t('apply.materials.fromWallet')}：${requirement.name}`}
              notFoundContent={t('apply.materials.walletEmpty')}
              options={fits.map((material) => ({ value: material.id, label: `${material.filename} · ${material.createdAt.slice(0, 10)}` }))}
              onChange={(id: string) => pick(id)}
            />
          ) : null}
        </div>
      )}
      {shownError ? (
        <p className="tb-field-error" id={`${baseId}-error`} role="alert" data-testid={`slot-error-${requirement.key}`}>
          {shownError}
        </p>
      ) : null}
    </li>
  );
}
