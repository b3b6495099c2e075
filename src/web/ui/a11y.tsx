import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { PaginationProps } from 'antd';
import type { ReactNode } from 'react';
import i18next from 'i18next';

/**
 * A wide table's horizontal scroll container, reachable and named for keyboard and screen-reader users
 * (WCAG 2.1.1: a region that scrolls must take focus). Use instead of antd's `scroll={{ x }}`.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A scrollable region must be focusable to scroll by keyboard.
    <div className="tb-scroll-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * antd Pagination's items with names and addresses: 上一页 / 下一页 instead of the icons' "left" / "right",
 * and page links with an href (antd's have none). The href is the same page with ?page=n; the click is
 * antd's (its list item), the link's default navigation is prevented.
 */
export const paginationItemRender: PaginationProps['itemRender'] = (page, type, original) => {
  const zh = i18next.language !== 'en';
  if (type === 'prev' || type === 'next') {
    const label = type === 'prev' ? (zh ? '上一页' : 'Previous page') : zh ? '下一页' : 'Next page';
    return (
      <button type="button" className="ant-pagination-item-link" aria-label={label}>
        {type === 'prev' ? <LeftOutlined aria-hidden="true" /> : <RightOutlined aria-hidden="true" />}
      </button>
    );
  }
  if (type === 'page') {
    return (
      <a href={`?page=${page}`} onClick={(event) => event.preventDefault()} aria-label={zh ? `第 ${page} 页` : `Page ${page}`}>
        {page}
      </a>
    );
  }
  return original;
};
