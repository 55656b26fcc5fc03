"""The web app (gradio): Ask, Browse, Draft and Train."""
