package io.lakelens.data;

/**
 * One listed company of the synthetic lake's universe.
 *
 * @param basePrice         price in USD on the first generated trade date
 * @param sharesOutstanding shares, for market capitalisation (close × shares)
 * @param beta              sensitivity to the market factor of the price model
 * @param volatility        annualised volatility of daily log returns (0.25 = 25 %)
 */
public record SymbolInfo(String symbol, String companyName, String exchange, String sector, String industry,
                         double basePrice, long sharesOutstanding, double beta, double volatility) {
}
