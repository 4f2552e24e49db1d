/** The fixed key of the test suite (never used outside tests). */
export const TEST_SECRET_KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
