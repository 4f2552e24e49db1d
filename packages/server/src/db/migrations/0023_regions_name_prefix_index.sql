-- Households are found by the name of their township, village or group (马庄村, 逻西乡): a name
-- prefix (LIKE '马庄%') on regions, which a plain btree serves only under the C collation.
CREATE INDEX regions_name_pattern_idx ON regions (name text_pattern_ops);
