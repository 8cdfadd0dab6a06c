"""`unknot serve`: the app in a browser tab, one app process per tab, for whoever holds the token.

Only `unknot serve` imports this package (and through it aiohttp and textual-serve).
"""
