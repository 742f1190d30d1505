package io.lakelens.data;

import io.lakelens.LakeLensException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The symbol universe of the synthetic lake: {@code data/symbols.csv} (packaged as the resource
 * {@code io/lakelens/data/symbols.csv}), in file order, so a size that uses N symbols uses the
 * first N rows. The file starts with mega caps covering all eleven GICS sectors. Sizes that need
 * more symbols than the file holds (XLARGE) get fictional small caps appended, derived from a
 * fixed seed so every run and every machine sees the same universe. Immutable and thread-safe.
 */
public final class SymbolUniverse {
    /** The eleven GICS sectors, by the names the lake uses. */
    public static final List<String> SECTORS = List.of("Technology", "Financials", "Health Care",
            "Consumer Discretionary", "Communication Services", "Industrials", "Consumer Staples", "Energy",
            "Utilities", "Real Estate", "Materials");

    private static final String RESOURCE = "/io/lakelens/data/symbols.csv";
    private static volatile List<SymbolInfo> listed;

    private SymbolUniverse() {
    }

    /** The listed symbols from the CSV, in file order. */
    public static List<SymbolInfo> listed() {
        List<SymbolInfo> l = listed;
        if (l == null) {
            synchronized (SymbolUniverse.class) {
                if (listed == null) {
                    listed = List.copyOf(load());
                }
                l = listed;
            }
        }
        return l;
    }

    /** The first {@code n} symbols of the universe, in universe order. */
    public static List<SymbolInfo> first(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive: " + n);
        }
        List<SymbolInfo> base = listed();
        if (n <= base.size()) {
            return base.subList(0, n);
        }
        List<SymbolInfo> out = new ArrayList<>(base);
        out.addAll(fictional(n - base.size(), base));
        return List.copyOf(out);
    }

    private static List<SymbolInfo> load() {
        try (InputStream in = SymbolUniverse.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new LakeLensException("The symbol universe " + RESOURCE + " is missing from the application; rebuild LakeLens.");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<SymbolInfo> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            String line;
            boolean header = true;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                List<String> f = csvFields(line);
                if (f.size() != 9) {
                    throw new LakeLensException(RESOURCE + " line " + lineNo + " has " + f.size() + " fields, expected 9.");
                }
                SymbolInfo s = new SymbolInfo(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4),
                        Double.parseDouble(f.get(5)), Long.parseLong(f.get(6)), Double.parseDouble(f.get(7)),
                        Double.parseDouble(f.get(8)));
                if (!SECTORS.contains(s.sector())) {
                    throw new LakeLensException(RESOURCE + " line " + lineNo + ": unknown sector '" + s.sector() + "'.");
                }
                if (!seen.add(s.symbol())) {
                    throw new LakeLensException(RESOURCE + " line " + lineNo + ": duplicate symbol " + s.symbol() + ".");
                }
                out.add(s);
            }
            return out;
        } catch (IOException | NumberFormatException e) {
            throw new LakeLensException("Cannot read the symbol universe " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** RFC 4180 fields of one line (quotes around fields with commas; "" is a quote). */
    static List<String> csvFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static final String[] FIRST = {"Apex", "Bluewater", "Cedar", "Crescent", "Summit", "Harbor", "Ironwood",
            "Keystone", "Lakeshore", "Meridian", "Northgate", "Oakridge", "Pinnacle", "Quarry", "Redstone", "Silverline",
            "Tidewater", "Union", "Vantage", "Westfield", "Granite", "Evergreen", "Frontier", "Horizon", "Juniper",
            "Liberty", "Mariner", "Prairie", "Riverbend", "Sterling"};
    private static final String[] SECOND = {"Analytics", "Bancorp", "Biosciences", "Brands", "Capital", "Devices",
            "Energy", "Foods", "Holdings", "Industries", "Logistics", "Materials", "Media", "Networks", "Power",
            "Properties", "Systems", "Therapeutics", "Resources", "Technologies"};
    private static final String[] SUFFIX = {"Inc.", "Corp.", "Group Inc.", "Co.", "Holdings Inc."};

    /**
     * Fictional small caps beyond the CSV, from a fixed seed so the universe never depends on the
     * generation seed: the same ticker always names the same company.
     */
    private static List<SymbolInfo> fictional(int count, List<SymbolInfo> base) {
        SplittableRandom rnd = new SplittableRandom(0x5EED_5A11L);
        Set<String> used = new HashSet<>();
        base.forEach(s -> used.add(s.symbol()));
        List<List<SymbolInfo>> bySector = new ArrayList<>();
        for (String sector : SECTORS) {
            bySector.add(base.stream().filter(s -> s.sector().equals(sector)).toList());
        }
        List<SymbolInfo> out = new ArrayList<>();
        while (out.size() < count) {
            int sectorIdx = out.size() % SECTORS.size();
            List<SymbolInfo> peers = bySector.get(sectorIdx);
            SymbolInfo peer = peers.get(rnd.nextInt(peers.size()));
            String first = FIRST[rnd.nextInt(FIRST.length)];
            String second = SECOND[rnd.nextInt(SECOND.length)];
            String ticker = ticker(first, second, rnd);
            if (!used.add(ticker)) {
                continue;
            }
            double price = Math.round(Math.exp(2.0 + rnd.nextDouble() * 2.5) * 100) / 100.0;
            double capUsd = Math.exp(Math.log(3e8) + rnd.nextDouble() * Math.log(10));
            long shares = Math.round(capUsd / price / 1e4) * 10_000L;
            out.add(new SymbolInfo(ticker, first + " " + second + " " + SUFFIX[rnd.nextInt(SUFFIX.length)],
                    rnd.nextInt(3) == 0 ? "NYSE" : "NASDAQ", SECTORS.get(sectorIdx), peer.industry(), price,
                    Math.max(shares, 1_000_000L), Math.round((peer.beta() * (0.9 + rnd.nextDouble() * 0.5)) * 100) / 100.0,
                    Math.round(peer.volatility() * (1.2 + rnd.nextDouble() * 0.4) * 100) / 100.0));
        }
        return out;
    }

    private static String ticker(String first, String second, SplittableRandom rnd) {
        String letters = (first + second).toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        StringBuilder t = new StringBuilder().append(first.toUpperCase(Locale.ROOT).charAt(0))
                .append(second.toUpperCase(Locale.ROOT).charAt(0));
        int len = 3 + rnd.nextInt(2);
        while (t.length() < len) {
            t.append(letters.charAt(rnd.nextInt(letters.length())));
        }
        return t.toString();
    }
}
