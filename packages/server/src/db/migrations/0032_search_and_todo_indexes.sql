-- Household search by a name prefix (黄福…) within the actor's counties (issue 10;
-- docs/design/search-and-todo-performance.md "Name prefixes"): the county narrows the members, the
-- text_pattern_ops order serves LIKE '黄福%', and the household id in the index makes it an
-- index-only scan. The name-only pattern index of 0001 stays for scopes without a county list.
CREATE INDEX members_county_name_prefix_idx ON members (county_code, name text_pattern_ops) INCLUDE (household_id);
