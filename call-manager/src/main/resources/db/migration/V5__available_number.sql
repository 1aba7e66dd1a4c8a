-- The inventory of normal numbers an operator (project superadmin) provisions and customers buy
-- from. A row stays while a customer owns the number: "available" is "in the inventory and no live
-- `number` row holds it", so deleting an owned number returns it to the inventory by itself.
CREATE TABLE available_number (
  `number`     VARCHAR(32)  NOT NULL PRIMARY KEY,
  country      CHAR(2)      NOT NULL,
  region       VARCHAR(255) NOT NULL DEFAULT '',
  postal_code  VARCHAR(32)  NOT NULL DEFAULT '',
  features     VARCHAR(255) NOT NULL DEFAULT 'voice',
  tm_create    DATETIME(6)  NOT NULL,
  INDEX idx_available_number_country (country, `number`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
