import { Grid } from 'antd';
import type { DescriptionsProps } from 'antd';

/**
 * Layout of label/value lists: on phones (below antd's `sm`, 576 px) labels go above values,
 * tightened by the `tb-desc-stacked` class; elsewhere they sit side by side.
 */
export function useDescriptionsLayout(): Pick<DescriptionsProps, 'layout' | 'className'> {
  const screens = Grid.useBreakpoint();
  return screens.sm === false ? { layout: 'vertical', className: 'tb-desc-stacked' } : { layout: 'horizontal' };
}
