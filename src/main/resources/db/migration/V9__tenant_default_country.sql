-- A tenant's default country: how a phone number typed without "+" is read (e.g. 'BR' reads
-- 11987654321 as +55 11 98765-4321). Null: such a number is refused and the international form asked for.
-- ISO 3166-1 alpha-2, upper case; the app also checks it is a region phone numbers exist for.
ALTER TABLE tenants ADD COLUMN default_country VARCHAR(2) CHECK (default_country ~ '^[A-Z]{2}$');
