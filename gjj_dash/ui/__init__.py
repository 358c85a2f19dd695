"""UI layer: Streamlit glue — cached loaders keyed on the data version, the shared sidebar and page context, widgets
(cards, chart + table + CSV), the public page renderer, the official form on screen, quality markers, the staff page's
panels and login, the leadership board on the overview. The only package code that imports Streamlit; may import
every layer below.
"""
