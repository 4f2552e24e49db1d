import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { RegionTreeNode } from '../api/types';

interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

/** Households are registered at village level, so the filter stops there (no 组/屯 groups). */
const FILTERABLE_LEVELS = new Set(['province', 'city', 'county', 'township', 'village']);

function toTreeOptions(node: RegionTreeNode): TreeOption {
  const option: TreeOption = { value: node.code, title: node.name };
  const children = (node.children ?? []).filter((child) => FILTERABLE_LEVELS.has(child.level));
  if (children.length > 0) option.children = children.map(toTreeOptions);
  return option;
}

/**
 * The region filter of a list page: the user's region tree down to villages, searchable by name.
 * Nothing is shown while the tree loads, nor for a user whose region has no regions below it.
 */
export function RegionFilter({
  tree,
  value,
  onChange,
  placeholder,
  ariaLabel,
  testId,
}: {
  tree: RegionTreeNode | undefined;
  value: string | undefined;
  onChange: (regionCode: string | undefined) => void;
  placeholder: string;
  ariaLabel: string;
  testId: string;
}) {
  const options = useMemo(() => {
    if (!tree) return null;
    const root = toTreeOptions(tree);
    return root.children ? [root] : null;
  }, [tree]);
  if (!options) return null;
  return (
    <TreeSelect
      className="fp-filter-region"
      value={value}
      placeholder={placeholder}
      allowClear
      treeDefaultExpandedKeys={tree ? [tree.code] : []}
      popupMatchSelectWidth={false}
      showSearch
      treeNodeFilterProp="title"
      treeData={options}
      onChange={(code: string | undefined) => onChange(code || undefined)}
      aria-label={ariaLabel}
      data-testid={testId}
    />
  );
}
