package io.switchboard.db;

import io.switchboard.config.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The servers behind DB_HOST or DB_READ_HOST: {@code db1:5432,db2} — host names or IPv4 addresses,
 * each with an optional port (the default port otherwise). The JDBC driver tries them in order and
 * keeps the first that has the role asked for, which is how a failover is followed without a proxy.
 */
public record HostList(List<Address> addresses) {
    public static final String RULE = "a comma-separated list of host or host:port (port 1-65535), for example db1:5432,db2";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");

    public record Address(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public HostList {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one host");
        }
        addresses = List.copyOf(addresses);
    }

    public static HostList single(String host, int port) {
        return new HostList(List.of(new Address(host, port)));
    }

    /** Parses {@code value}; a bad entry fails naming {@code variable}, the entry and the rule. */
    public static HostList parse(String variable, String value, int defaultPort) {
        List<Address> addresses = new ArrayList<>();
        String[] entries = value.split(",", -1);
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                throw refuse(variable, value, "an entry is empty");
            }
            String host = entry;
            int port = defaultPort;
            int colon = entry.lastIndexOf(':');
            if (colon >= 0) {
                host = entry.substring(0, colon);
                String digits = entry.substring(colon + 1);
                try {
                    port = Integer.parseInt(digits);
                } catch (NumberFormatException e) {
                    throw refuse(variable, value, "entry \"" + entry + "\" has port \"" + digits + "\", not a number");
                }
                if (port < 1 || port > 65535) {
                    throw refuse(variable, value, "entry \"" + entry + "\" has port " + port + ", outside 1-65535");
                }
            }
            if (!NAME.matcher(host).matches()) {
                throw refuse(variable, value, "entry \"" + entry + "\" is not a host name or IPv4 address");
            }
            Address address = new Address(host, port);
            if (addresses.contains(address)) {
                throw refuse(variable, value, address + " is listed twice");
            }
            addresses.add(address);
        }
        return new HostList(addresses);
    }

    private static ConfigurationException refuse(String variable, String value, String problem) {
        return new ConfigurationException(variable + " must be " + RULE + "; in \"" + value + "\", " + problem + ".");
    }

    public Address first() {
        return addresses.get(0);
    }

    public boolean several() {
        return addresses.size() > 1;
    }

    /** {@code h1:p1,h2:p2}, the host part of a JDBC URL. */
    @Override
    public String toString() {
        return String.join(",", addresses.stream().map(Address::toString).toList());
    }
}
