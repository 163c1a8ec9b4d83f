import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies a secret or a link shown once; says so to screen readers too. */
export function CopyButton({
  text,
  label,
  testId = 'copy',
}: {
  text: string;
  label?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <span className="copy">
      <button type="button" className="button-secondary" onClick={copy} data-testid={testId}>
        {label ?? t('common.copy')}
      </button>
      <span role="status" aria-live="polite" className="copy-status">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  );
}

/** A secret shown this once only: the value, a copy button, and the warning. */
export function OnceSecret({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="once" data-testid={`${testId}-box`}>
      <p className="once-label">
        <strong>{label}</strong> — {t('common.shownOnce')}
      </p>
      <p>
        <code className="mono secret" data-testid={testId}>
          {value}
        </code>{' '}
        <CopyButton text={value} testId={`${testId}-copy`} />
      </p>
    </div>
  );
}
