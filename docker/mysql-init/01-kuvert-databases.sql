-- Run once by the mysql image on an empty data volume, after it created the user MYSQL_USER (kuvert).
-- Each service creates and migrates its own database kuvert_<service> (database per service).
GRANT ALL PRIVILEGES ON `kuvert\_%`.* TO 'kuvert'@'%';
FLUSH PRIVILEGES;
