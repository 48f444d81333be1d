package io.switchboard.demo;

/** Names, places and message texts for demo inboxes. */
final class Texts {
    private Texts() {
    }

    static final String[] PHONE_PREFIXES = {"+4915", "+447", "+919"};

    static final String[] FIRST = {"Anna", "Ben", "Carla", "David", "Elif", "Felix", "Greta", "Hannah", "Ibrahim", "Julia", "Kenji", "Lena",
        "Mateo", "Nadia", "Oliver", "Priya", "Quentin", "Rosa", "Samuel", "Tara", "Umar", "Valentina", "William", "Ximena", "Yusuf", "Zoe",
        "Aarav", "Beatriz", "Chloé", "Dmitri", "Emma", "Fatima", "Giulia", "Hugo", "Isabel", "Jonas", "Katarzyna", "Liam", "Mia", "Noah",
        "Olga", "Pedro", "Rahul", "Sofia", "Thomas", "Ayşe", "Lucas", "Marta", "Nils", "Amara"};
    static final String[] LAST = {"Schneider", "Okafor", "García", "Lindqvist", "Yılmaz", "Müller", "Tanaka", "Novak", "Rossi", "Singh",
        "Dubois", "Kowalski", "Silva", "Jensen", "Haddad", "O'Brien", "Patel", "Fischer", "Moreau", "Costa", "Nguyen", "Becker", "Ivanova",
        "Hoffmann", "Santos", "Wagner", "Kim", "Larsen", "Mendes", "Weber", "Ahmed", "Schmidt", "Bianchi", "Martin", "Kaya", "Brown"};
    static final String[] CITIES = {"Berlin", "Hamburg", "London", "Manchester", "Mumbai", "Bengaluru", "Munich", "Leeds", "Pune", "Cologne"};
    static final String[] PLANS = {"free", "basic", "pro", "enterprise"};

    static final String[] INBOUND = {
        "Hi! Where is my order? It was supposed to arrive yesterday.",
        "Hello, I'd like to change my delivery address please.",
        "Thanks, that worked!",
        "Can I return the shoes if they don't fit?",
        "My invoice shows the wrong amount, can you check?",
        "Is the blue version back in stock?",
        "I still haven't received the refund for order 4471.",
        "Perfect, thank you so much!",
        "What are your opening hours on Saturday?",
        "The tracking link doesn't work for me.",
        "Can I pay by bank transfer?",
        "ok",
        "Great, see you then.",
        "Could you send me the manual as PDF?",
        "The package arrived damaged, the box was completely crushed.",
        "Do you ship to Switzerland?",
        "I need to cancel my appointment tomorrow.",
        "Yes please, that would be great.",
        "How long does the warranty last?",
        "Hello? Anyone there?",
        "I ordered the wrong size, can I exchange it?",
        "Is there a discount for students?",
        "My password reset email never arrives.",
        "Thanks for the quick help!",
        "Can you call me back this afternoon?",
    };
    static final String[] OUTBOUND = {
        "Hi! Thanks for reaching out — let me check that for you.",
        "Your order has left our warehouse and should arrive within 2 days.",
        "I've updated the address on your order. Anything else I can help with?",
        "Of course — returns are free within 30 days. I'll send you the label.",
        "Sorry about that! I've corrected the invoice and emailed you the new one.",
        "Yes, it's back in stock since this morning.",
        "The refund was issued today; it can take 3–5 business days to show up.",
        "You're welcome! Have a great day.",
        "We're open from 9:00 to 16:00 on Saturdays.",
        "Here is a fresh tracking link: https://track.example.com/7F3K9",
        "Bank transfer works too; the details are on your invoice.",
        "I'm sorry to hear that. Could you send a photo of the box?",
        "Yes, we ship to Switzerland; delivery takes 3–4 days.",
        "No problem, I've cancelled it. Would you like a new date?",
        "The warranty is 2 years from the date of purchase.",
        "Just a moment, I'm looking into it.",
        "Sure, I'll call you at 3 pm.",
    };
    static final String[] CAPTIONS = {"Here's the photo", "The damaged box", "Screenshot of the error", null, null};
    static final String[] DOCUMENTS = {"invoice-2291.pdf", "receipt.pdf", "warranty-card.pdf", "order-confirmation.pdf"};
    static final String[] REACTIONS = {"👍", "❤️", "🙏", "😂"};
    static final String[] PLACES = {"Alexanderplatz 1, Berlin", "221B Baker Street, London", "MG Road, Bengaluru"};
}
