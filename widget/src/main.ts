// placeholder, replaced by the widget
export {};
