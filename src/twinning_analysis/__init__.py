"""twinning-analysis: German–Russian town twinning, from published sources to figures.

>>> import twinning_analysis as ta
>>> ta.parse_date("Sommer 1991").precision
'season'
"""
__version__ = "0.1.0"
