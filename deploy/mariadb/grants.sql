-- Run once by the MariaDB image on an empty volume, after it created MARIADB_USER (voipbin).
-- The managers create and migrate their own schemas, all named voipbin_<manager>: the user may do that there and
-- nowhere else (no mysql.*, no other application's schema, no global privileges).
GRANT ALL PRIVILEGES ON `voipbin\_%`.* TO 'voipbin'@'%';
FLUSH PRIVILEGES;
