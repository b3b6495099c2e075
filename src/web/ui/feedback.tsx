import { message as antMessage } from 'antd';
import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';

type MessageApi = ReturnType<typeof antMessage.useMessage>[0];

const FeedbackContext = createContext<{ message: MessageApi } | null>(null);

/**
 * Toast messages ("已保存") for the whole application, themed by the ConfigProvider. antd's <App>
 * would also bring the modal and notification machinery into the first download (≈ 24 KB gzip);
 * pages that open a dialog import Modal themselves, in their own chunks.
 */
export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [message, holder] = antMessage.useMessage();
  const value = useMemo(() => ({ message }), [message]);
  return (
    <FeedbackContext.Provider value={value}>
      {holder}
      {children}
    </FeedbackContext.Provider>
  );
}

/** The toast API: `const { message } = useFeedback(); message.success('…')`. */
export function useFeedback(): { message: MessageApi } {
  const value = useContext(FeedbackContext);
  if (!value) throw new Error('useFeedback outside FeedbackProvider');
  return value;
}
