//! The prompt library for the question of the day: 200 questions across ten
//! categories, each light, medium or deep. Original writing of this project. Ids are
//! stable (`category-NN`): answers refer to them, so a prompt is never renumbered.

use serde::Serialize;

/// What a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Hopes,
    Desires,
    Fears,
    Dreams,
    Ambitions,
    Memories,
    Appreciation,
    Future,
    Fun,
    /// Knowing your partner's world ("love map").
    LoveMap,
}

impl Category {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hopes => "hopes",
            Self::Desires => "desires",
            Self::Fears => "fears",
            Self::Dreams => "dreams",
            Self::Ambitions => "ambitions",
            Self::Memories => "memories",
            Self::Appreciation => "appreciation",
            Self::Future => "future",
            Self::Fun => "fun",
            Self::LoveMap => "love_map",
        }
    }
}

/// How much a question asks of the two of you.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Depth {
    Light,
    Medium,
    Deep,
}

/// One question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Prompt {
    pub id: &'static str,
    pub category: Category,
    pub depth: Depth,
    pub text: &'static str,
}

const fn p(id: &'static str, category: Category, depth: Depth, text: &'static str) -> Prompt {
    Prompt {
        id,
        category,
        depth,
        text,
    }
}

/// Every prompt, in a fixed order.
pub const PROMPTS: &[Prompt] = &[
    p(
        "hopes-01",
        Category::Hopes,
        Depth::Light,
        "What is one small thing you're hoping for this week?",
    ),
    p(
        "hopes-02",
        Category::Hopes,
        Depth::Light,
        "What would make this coming weekend feel good to you?",
    ),
    p(
        "hopes-03",
        Category::Hopes,
        Depth::Light,
        "Which season are you most looking forward to this year, and why?",
    ),
    p(
        "hopes-04",
        Category::Hopes,
        Depth::Light,
        "What's something you hope we get to do together before the year ends?",
    ),
    p(
        "hopes-05",
        Category::Hopes,
        Depth::Light,
        "What's a little luxury you hope to treat yourself to soon?",
    ),
    p(
        "hopes-06",
        Category::Hopes,
        Depth::Light,
        "If tomorrow went perfectly, what would happen in it?",
    ),
    p(
        "hopes-07",
        Category::Hopes,
        Depth::Medium,
        "What do you hope people say about you when you're not in the room?",
    ),
    p(
        "hopes-08",
        Category::Hopes,
        Depth::Medium,
        "What's something you hope our home feels like to people who visit?",
    ),
    p(
        "hopes-09",
        Category::Hopes,
        Depth::Medium,
        "What are you quietly hoping will change at work or in your days?",
    ),
    p(
        "hopes-10",
        Category::Hopes,
        Depth::Medium,
        "What's a hope you've had for a long time but rarely mention?",
    ),
    p(
        "hopes-11",
        Category::Hopes,
        Depth::Medium,
        "What do you hope we'll still be doing together in ten years?",
    ),
    p(
        "hopes-12",
        Category::Hopes,
        Depth::Medium,
        "What's one way you hope I'll surprise you someday?",
    ),
    p(
        "hopes-13",
        Category::Hopes,
        Depth::Medium,
        "What do you hope our mornings could feel like?",
    ),
    p(
        "hopes-14",
        Category::Hopes,
        Depth::Medium,
        "Which friendship do you hope to grow this year?",
    ),
    p(
        "hopes-15",
        Category::Hopes,
        Depth::Deep,
        "What do you hope I understand about you that I might not yet?",
    ),
    p(
        "hopes-16",
        Category::Hopes,
        Depth::Deep,
        "What hope have you let go of, and how do you feel about it now?",
    ),
    p(
        "hopes-17",
        Category::Hopes,
        Depth::Deep,
        "What do you hope for us when life gets hard?",
    ),
    p(
        "hopes-18",
        Category::Hopes,
        Depth::Deep,
        "When you imagine being old, what do you hope you'll feel when you look back?",
    ),
    p(
        "hopes-19",
        Category::Hopes,
        Depth::Deep,
        "What do you hope you can forgive yourself for?",
    ),
    p(
        "hopes-20",
        Category::Hopes,
        Depth::Deep,
        "What do you hope our relationship teaches the people around us?",
    ),
    p(
        "desires-01",
        Category::Desires,
        Depth::Light,
        "What's a meal you've been craving lately?",
    ),
    p(
        "desires-02",
        Category::Desires,
        Depth::Light,
        "If you could have one free afternoon this week, how would you spend it?",
    ),
    p(
        "desires-03",
        Category::Desires,
        Depth::Light,
        "What's something you'd love to buy if money didn't matter, just for fun?",
    ),
    p(
        "desires-04",
        Category::Desires,
        Depth::Light,
        "What kind of holiday is calling to you right now: beach, city, mountains or home?",
    ),
    p(
        "desires-05",
        Category::Desires,
        Depth::Light,
        "What's a small way I could make your day easier tomorrow?",
    ),
    p(
        "desires-06",
        Category::Desires,
        Depth::Light,
        "What song would you love to dance to with me?",
    ),
    p(
        "desires-07",
        Category::Desires,
        Depth::Medium,
        "What kind of affection do you wish you had more of?",
    ),
    p(
        "desires-08",
        Category::Desires,
        Depth::Medium,
        "What's something you'd like us to try together that we've never done?",
    ),
    p(
        "desires-09",
        Category::Desires,
        Depth::Medium,
        "When do you most want to be left alone, and when do you most want company?",
    ),
    p(
        "desires-10",
        Category::Desires,
        Depth::Medium,
        "What would a perfect evening with me look like to you?",
    ),
    p(
        "desires-11",
        Category::Desires,
        Depth::Medium,
        "What do you wish you could say yes to more often?",
    ),
    p(
        "desires-12",
        Category::Desires,
        Depth::Medium,
        "What's a compliment you'd love to hear more?",
    ),
    p(
        "desires-13",
        Category::Desires,
        Depth::Medium,
        "What would you love more time for in your life?",
    ),
    p(
        "desires-14",
        Category::Desires,
        Depth::Medium,
        "What's a way you'd like me to show I'm thinking of you during the day?",
    ),
    p(
        "desires-15",
        Category::Desires,
        Depth::Deep,
        "What do you long for that you find hard to ask for?",
    ),
    p(
        "desires-16",
        Category::Desires,
        Depth::Deep,
        "When do you feel most wanted by me?",
    ),
    p(
        "desires-17",
        Category::Desires,
        Depth::Deep,
        "What do you want more of in our life together, and what less?",
    ),
    p(
        "desires-18",
        Category::Desires,
        Depth::Deep,
        "What do you need from me when you've had a bad day?",
    ),
    p(
        "desires-19",
        Category::Desires,
        Depth::Deep,
        "What is something you want for yourself that has nothing to do with anyone else?",
    ),
    p(
        "desires-20",
        Category::Desires,
        Depth::Deep,
        "What desire have you kept to yourself because you worried how I'd react?",
    ),
    p(
        "fears-01",
        Category::Fears,
        Depth::Light,
        "What's a silly thing you were scared of as a child?",
    ),
    p(
        "fears-02",
        Category::Fears,
        Depth::Light,
        "What animal or insect do you quietly avoid?",
    ),
    p(
        "fears-03",
        Category::Fears,
        Depth::Light,
        "What's a film or book that scared you more than it should have?",
    ),
    p(
        "fears-04",
        Category::Fears,
        Depth::Light,
        "What's a small everyday thing that makes you a bit nervous?",
    ),
    p(
        "fears-05",
        Category::Fears,
        Depth::Light,
        "Would you rather speak in front of a crowd or sing in front of friends?",
    ),
    p(
        "fears-06",
        Category::Fears,
        Depth::Light,
        "What's something you were nervous about that turned out fine?",
    ),
    p(
        "fears-07",
        Category::Fears,
        Depth::Medium,
        "What worries you most about the next few months?",
    ),
    p(
        "fears-08",
        Category::Fears,
        Depth::Medium,
        "What are you afraid people might think of you?",
    ),
    p(
        "fears-09",
        Category::Fears,
        Depth::Medium,
        "What's a risk you wish you weren't too scared to take?",
    ),
    p(
        "fears-10",
        Category::Fears,
        Depth::Medium,
        "When you lie awake at night, what's usually on your mind?",
    ),
    p(
        "fears-11",
        Category::Fears,
        Depth::Medium,
        "What kind of conflict do you find hardest to face?",
    ),
    p(
        "fears-12",
        Category::Fears,
        Depth::Medium,
        "What helps you most when you're anxious?",
    ),
    p(
        "fears-13",
        Category::Fears,
        Depth::Medium,
        "What's a fear you've grown out of, and how did that happen?",
    ),
    p(
        "fears-14",
        Category::Fears,
        Depth::Medium,
        "What about getting older, if anything, worries you?",
    ),
    p(
        "fears-15",
        Category::Fears,
        Depth::Deep,
        "What are you afraid might happen to us, if anything?",
    ),
    p(
        "fears-16",
        Category::Fears,
        Depth::Deep,
        "What fear do you carry from your family growing up?",
    ),
    p(
        "fears-17",
        Category::Fears,
        Depth::Deep,
        "When have you felt most alone, and what did you need then?",
    ),
    p(
        "fears-18",
        Category::Fears,
        Depth::Deep,
        "What do you fear I might stop loving about you?",
    ),
    p(
        "fears-19",
        Category::Fears,
        Depth::Deep,
        "What feels too scary to talk about, even with me?",
    ),
    p(
        "fears-20",
        Category::Fears,
        Depth::Deep,
        "What would help you feel safer sharing your worries with me?",
    ),
    p(
        "dreams-01",
        Category::Dreams,
        Depth::Light,
        "If you could live anywhere for a year, where would you go?",
    ),
    p(
        "dreams-02",
        Category::Dreams,
        Depth::Light,
        "What's a skill you'd love to master just for the joy of it?",
    ),
    p(
        "dreams-03",
        Category::Dreams,
        Depth::Light,
        "What's the most vivid dream you remember from sleep?",
    ),
    p(
        "dreams-04",
        Category::Dreams,
        Depth::Light,
        "If you could spend a day in any job, what would you choose?",
    ),
    p(
        "dreams-05",
        Category::Dreams,
        Depth::Light,
        "What would your dream Sunday look like, hour by hour?",
    ),
    p(
        "dreams-06",
        Category::Dreams,
        Depth::Light,
        "Which place in the world would you most like to see with me?",
    ),
    p(
        "dreams-07",
        Category::Dreams,
        Depth::Medium,
        "What's a dream you had as a teenager that still tugs at you?",
    ),
    p(
        "dreams-08",
        Category::Dreams,
        Depth::Medium,
        "If you had a year off with no money worries, what would you do with it?",
    ),
    p(
        "dreams-09",
        Category::Dreams,
        Depth::Medium,
        "What would your ideal home look like in twenty years?",
    ),
    p(
        "dreams-10",
        Category::Dreams,
        Depth::Medium,
        "What adventure would you love us to have together?",
    ),
    p(
        "dreams-11",
        Category::Dreams,
        Depth::Medium,
        "What's something you dream of making with your hands?",
    ),
    p(
        "dreams-12",
        Category::Dreams,
        Depth::Medium,
        "If you could change one thing about how we live, what would it be?",
    ),
    p(
        "dreams-13",
        Category::Dreams,
        Depth::Medium,
        "What does a really good life look like to you?",
    ),
    p(
        "dreams-14",
        Category::Dreams,
        Depth::Medium,
        "What dream of yours have I been part of, even a little?",
    ),
    p(
        "dreams-15",
        Category::Dreams,
        Depth::Deep,
        "What dream have you given up on, and do you miss it?",
    ),
    p(
        "dreams-16",
        Category::Dreams,
        Depth::Deep,
        "What would you attempt if you knew I'd back you all the way?",
    ),
    p(
        "dreams-17",
        Category::Dreams,
        Depth::Deep,
        "Which dream of ours matters most to you?",
    ),
    p(
        "dreams-18",
        Category::Dreams,
        Depth::Deep,
        "What dream feels too big to say out loud?",
    ),
    p(
        "dreams-19",
        Category::Dreams,
        Depth::Deep,
        "How can I help one of your dreams come a little closer?",
    ),
    p(
        "dreams-20",
        Category::Dreams,
        Depth::Deep,
        "What would you want to have done with your life that you haven't started yet?",
    ),
    p(
        "ambitions-01",
        Category::Ambitions,
        Depth::Light,
        "What's something you'd like to learn this month?",
    ),
    p(
        "ambitions-02",
        Category::Ambitions,
        Depth::Light,
        "What's a small goal you've set for yourself lately?",
    ),
    p(
        "ambitions-03",
        Category::Ambitions,
        Depth::Light,
        "Which of your skills are you secretly proud of?",
    ),
    p(
        "ambitions-04",
        Category::Ambitions,
        Depth::Light,
        "What's something you'd like to get better at, just a little?",
    ),
    p(
        "ambitions-05",
        Category::Ambitions,
        Depth::Light,
        "Who is someone you admire for what they've achieved?",
    ),
    p(
        "ambitions-06",
        Category::Ambitions,
        Depth::Light,
        "What's a project around the house you'd love to finish?",
    ),
    p(
        "ambitions-07",
        Category::Ambitions,
        Depth::Medium,
        "Where would you like your work to be in five years?",
    ),
    p(
        "ambitions-08",
        Category::Ambitions,
        Depth::Medium,
        "What does success mean to you these days?",
    ),
    p(
        "ambitions-09",
        Category::Ambitions,
        Depth::Medium,
        "What goal are you working towards that I might not know much about?",
    ),
    p(
        "ambitions-10",
        Category::Ambitions,
        Depth::Medium,
        "What's been getting in the way of something you want to do?",
    ),
    p(
        "ambitions-11",
        Category::Ambitions,
        Depth::Medium,
        "How could I support your goals better?",
    ),
    p(
        "ambitions-12",
        Category::Ambitions,
        Depth::Medium,
        "What ambition did you have that surprised your family?",
    ),
    p(
        "ambitions-13",
        Category::Ambitions,
        Depth::Medium,
        "What would you like to be known for?",
    ),
    p(
        "ambitions-14",
        Category::Ambitions,
        Depth::Medium,
        "What's one thing you'd like us to build together?",
    ),
    p(
        "ambitions-15",
        Category::Ambitions,
        Depth::Deep,
        "What ambition are you afraid of failing at?",
    ),
    p(
        "ambitions-16",
        Category::Ambitions,
        Depth::Deep,
        "Do you feel you've had room to grow in our relationship?",
    ),
    p(
        "ambitions-17",
        Category::Ambitions,
        Depth::Deep,
        "What have you sacrificed for us, and how do you feel about it?",
    ),
    p(
        "ambitions-18",
        Category::Ambitions,
        Depth::Deep,
        "Which of your ambitions feels most like the real you?",
    ),
    p(
        "ambitions-19",
        Category::Ambitions,
        Depth::Deep,
        "What would you regret not trying?",
    ),
    p(
        "ambitions-20",
        Category::Ambitions,
        Depth::Deep,
        "What balance between work and us feels right to you?",
    ),
    p(
        "memories-01",
        Category::Memories,
        Depth::Light,
        "What's your favourite memory of us from the last year?",
    ),
    p(
        "memories-02",
        Category::Memories,
        Depth::Light,
        "What's the best meal you remember eating together?",
    ),
    p(
        "memories-03",
        Category::Memories,
        Depth::Light,
        "What's a song that takes you straight back to when we met?",
    ),
    p(
        "memories-04",
        Category::Memories,
        Depth::Light,
        "What's a funny thing that happened on one of our trips?",
    ),
    p(
        "memories-05",
        Category::Memories,
        Depth::Light,
        "What did you think of me the first time we met?",
    ),
    p(
        "memories-06",
        Category::Memories,
        Depth::Light,
        "What's a favourite memory from your childhood summers?",
    ),
    p(
        "memories-07",
        Category::Memories,
        Depth::Medium,
        "When did you first know you really liked me?",
    ),
    p(
        "memories-08",
        Category::Memories,
        Depth::Medium,
        "What's a moment with me you'd love to live again?",
    ),
    p(
        "memories-09",
        Category::Memories,
        Depth::Medium,
        "What's a tradition from your family you'd like to keep?",
    ),
    p(
        "memories-10",
        Category::Memories,
        Depth::Medium,
        "Which of our early dates do you remember best, and why?",
    ),
    p(
        "memories-11",
        Category::Memories,
        Depth::Medium,
        "What's something I did early on that made you feel cared for?",
    ),
    p(
        "memories-12",
        Category::Memories,
        Depth::Medium,
        "What's a memory that always makes you laugh?",
    ),
    p(
        "memories-13",
        Category::Memories,
        Depth::Medium,
        "Who was your favourite teacher, and what did they give you?",
    ),
    p(
        "memories-14",
        Category::Memories,
        Depth::Medium,
        "What place from your past would you love to show me?",
    ),
    p(
        "memories-15",
        Category::Memories,
        Depth::Deep,
        "What's a hard time we got through that made us stronger?",
    ),
    p(
        "memories-16",
        Category::Memories,
        Depth::Deep,
        "What memory of your family still shapes how you love?",
    ),
    p(
        "memories-17",
        Category::Memories,
        Depth::Deep,
        "When did you feel closest to me, ever?",
    ),
    p(
        "memories-18",
        Category::Memories,
        Depth::Deep,
        "What's a moment between us you wish had gone differently?",
    ),
    p(
        "memories-19",
        Category::Memories,
        Depth::Deep,
        "What did you learn from a relationship before ours?",
    ),
    p(
        "memories-20",
        Category::Memories,
        Depth::Deep,
        "What childhood moment made you feel truly seen?",
    ),
    p(
        "appreciation-01",
        Category::Appreciation,
        Depth::Light,
        "What did I do this week that you liked?",
    ),
    p(
        "appreciation-02",
        Category::Appreciation,
        Depth::Light,
        "What's a habit of mine that quietly makes your life easier?",
    ),
    p(
        "appreciation-03",
        Category::Appreciation,
        Depth::Light,
        "What's something about my cooking, or my coffee, you secretly enjoy?",
    ),
    p(
        "appreciation-04",
        Category::Appreciation,
        Depth::Light,
        "What's a small thing I say that you like hearing?",
    ),
    p(
        "appreciation-05",
        Category::Appreciation,
        Depth::Light,
        "What made you smile about me recently?",
    ),
    p(
        "appreciation-06",
        Category::Appreciation,
        Depth::Light,
        "What's one thing in our home you're grateful for?",
    ),
    p(
        "appreciation-07",
        Category::Appreciation,
        Depth::Medium,
        "What quality of mine do you most admire?",
    ),
    p(
        "appreciation-08",
        Category::Appreciation,
        Depth::Medium,
        "When did I last make you feel proud of us?",
    ),
    p(
        "appreciation-09",
        Category::Appreciation,
        Depth::Medium,
        "What's something I've grown in since we met?",
    ),
    p(
        "appreciation-10",
        Category::Appreciation,
        Depth::Medium,
        "What do you appreciate about how I treat your friends or family?",
    ),
    p(
        "appreciation-11",
        Category::Appreciation,
        Depth::Medium,
        "What's a way I supported you that you never thanked me for?",
    ),
    p(
        "appreciation-12",
        Category::Appreciation,
        Depth::Medium,
        "What do you love about the way we spend ordinary days?",
    ),
    p(
        "appreciation-13",
        Category::Appreciation,
        Depth::Medium,
        "Which of my quirks have you come to love?",
    ),
    p(
        "appreciation-14",
        Category::Appreciation,
        Depth::Medium,
        "What's a recent moment when you felt lucky to be with me?",
    ),
    p(
        "appreciation-15",
        Category::Appreciation,
        Depth::Deep,
        "What do I give you that no one else does?",
    ),
    p(
        "appreciation-16",
        Category::Appreciation,
        Depth::Deep,
        "What part of me do you think I undervalue?",
    ),
    p(
        "appreciation-17",
        Category::Appreciation,
        Depth::Deep,
        "When have you felt most loved by me?",
    ),
    p(
        "appreciation-18",
        Category::Appreciation,
        Depth::Deep,
        "What about us would you never want to change?",
    ),
    p(
        "appreciation-19",
        Category::Appreciation,
        Depth::Deep,
        "What have I helped you become?",
    ),
    p(
        "appreciation-20",
        Category::Appreciation,
        Depth::Deep,
        "What would you like to thank me for that you haven't said?",
    ),
    p(
        "future-01",
        Category::Future,
        Depth::Light,
        "What should we plan for next weekend?",
    ),
    p(
        "future-02",
        Category::Future,
        Depth::Light,
        "Where should our next day trip be?",
    ),
    p(
        "future-03",
        Category::Future,
        Depth::Light,
        "What new restaurant or café should we try together?",
    ),
    p(
        "future-04",
        Category::Future,
        Depth::Light,
        "What's a hobby we could pick up together this year?",
    ),
    p(
        "future-05",
        Category::Future,
        Depth::Light,
        "What would you like our next holiday to include?",
    ),
    p(
        "future-06",
        Category::Future,
        Depth::Light,
        "What's one thing you'd like to add to our home this year?",
    ),
    p(
        "future-07",
        Category::Future,
        Depth::Medium,
        "How would you like us to celebrate our next anniversary?",
    ),
    p(
        "future-08",
        Category::Future,
        Depth::Medium,
        "What would you like our evenings to look like a year from now?",
    ),
    p(
        "future-09",
        Category::Future,
        Depth::Medium,
        "What do you want our money to make possible for us?",
    ),
    p(
        "future-10",
        Category::Future,
        Depth::Medium,
        "Where would you like us to live when we're older?",
    ),
    p(
        "future-11",
        Category::Future,
        Depth::Medium,
        "What new tradition would you like us to start?",
    ),
    p(
        "future-12",
        Category::Future,
        Depth::Medium,
        "What would you like us to do more of as a team?",
    ),
    p(
        "future-13",
        Category::Future,
        Depth::Medium,
        "How do you picture our friendships in five years?",
    ),
    p(
        "future-14",
        Category::Future,
        Depth::Medium,
        "What's one thing we should stop doing to make room for something better?",
    ),
    p(
        "future-15",
        Category::Future,
        Depth::Deep,
        "What are you most hopeful about for our future?",
    ),
    p(
        "future-16",
        Category::Future,
        Depth::Deep,
        "What worries you about our future, if anything?",
    ),
    p(
        "future-17",
        Category::Future,
        Depth::Deep,
        "What kind of couple do you want us to be in twenty years?",
    ),
    p(
        "future-18",
        Category::Future,
        Depth::Deep,
        "What would you want to be sure we never lose?",
    ),
    p(
        "future-19",
        Category::Future,
        Depth::Deep,
        "How do you want us to handle the big decisions ahead?",
    ),
    p(
        "future-20",
        Category::Future,
        Depth::Deep,
        "What promise would you like us to make to each other?",
    ),
    p(
        "fun-01",
        Category::Fun,
        Depth::Light,
        "If we had a theme song, what would it be?",
    ),
    p(
        "fun-02",
        Category::Fun,
        Depth::Light,
        "What's the best snack to share on a film night?",
    ),
    p(
        "fun-03",
        Category::Fun,
        Depth::Light,
        "If our life were a sitcom, what would this week's episode be called?",
    ),
    p(
        "fun-04",
        Category::Fun,
        Depth::Light,
        "Which fictional couple are we most like?",
    ),
    p(
        "fun-05",
        Category::Fun,
        Depth::Light,
        "What game should we play next time we're bored?",
    ),
    p(
        "fun-06",
        Category::Fun,
        Depth::Light,
        "If you could swap lives with me for a day, what would you do first?",
    ),
    p(
        "fun-07",
        Category::Fun,
        Depth::Light,
        "What's the silliest thing that made you laugh this week?",
    ),
    p(
        "fun-08",
        Category::Fun,
        Depth::Light,
        "If we opened a tiny shop together, what would it sell?",
    ),
    p(
        "fun-09",
        Category::Fun,
        Depth::Light,
        "Which animal would you be, and which would I be?",
    ),
    p(
        "fun-10",
        Category::Fun,
        Depth::Light,
        "What's a dance move you'd teach me?",
    ),
    p(
        "fun-11",
        Category::Fun,
        Depth::Light,
        "If you could eat only one cuisine for a year, which would it be?",
    ),
    p(
        "fun-12",
        Category::Fun,
        Depth::Light,
        "What superpower would be most useful in our daily life?",
    ),
    p(
        "fun-13",
        Category::Fun,
        Depth::Medium,
        "What's something daring we could do together just once?",
    ),
    p(
        "fun-14",
        Category::Fun,
        Depth::Medium,
        "What's a childhood game you'd still enjoy playing with me?",
    ),
    p(
        "fun-15",
        Category::Fun,
        Depth::Medium,
        "What would a perfect lazy day together include?",
    ),
    p(
        "fun-16",
        Category::Fun,
        Depth::Medium,
        "If you planned a surprise date for me, what would it be?",
    ),
    p(
        "fun-17",
        Category::Fun,
        Depth::Medium,
        "What's the most fun we've ever had, and could we do it again?",
    ),
    p(
        "fun-18",
        Category::Fun,
        Depth::Medium,
        "What's a new place nearby we should explore?",
    ),
    p(
        "fun-19",
        Category::Fun,
        Depth::Medium,
        "What would be in our perfect picnic basket?",
    ),
    p(
        "fun-20",
        Category::Fun,
        Depth::Medium,
        "What adventure would make a great story to tell later?",
    ),
    p(
        "love_map-01",
        Category::LoveMap,
        Depth::Light,
        "What's been the best part of your day today?",
    ),
    p(
        "love_map-02",
        Category::LoveMap,
        Depth::Light,
        "What are you reading, watching or listening to at the moment?",
    ),
    p(
        "love_map-03",
        Category::LoveMap,
        Depth::Light,
        "Who at work or in your days has been making you laugh lately?",
    ),
    p(
        "love_map-04",
        Category::LoveMap,
        Depth::Light,
        "What's your current favourite food?",
    ),
    p(
        "love_map-05",
        Category::LoveMap,
        Depth::Light,
        "What's the first thing you'd do with a free hour tomorrow?",
    ),
    p(
        "love_map-06",
        Category::LoveMap,
        Depth::Light,
        "Which friend have you been thinking about recently?",
    ),
    p(
        "love_map-07",
        Category::LoveMap,
        Depth::Medium,
        "What's been stressing you out most this week?",
    ),
    p(
        "love_map-08",
        Category::LoveMap,
        Depth::Medium,
        "Who do you feel closest to outside of me right now?",
    ),
    p(
        "love_map-09",
        Category::LoveMap,
        Depth::Medium,
        "What's something you're looking forward to that I might not know about?",
    ),
    p(
        "love_map-10",
        Category::LoveMap,
        Depth::Medium,
        "What's a small worry that's been sitting with you lately?",
    ),
    p(
        "love_map-11",
        Category::LoveMap,
        Depth::Medium,
        "What's currently your favourite way to relax?",
    ),
    p(
        "love_map-12",
        Category::LoveMap,
        Depth::Medium,
        "What would you most like help with this month?",
    ),
    p(
        "love_map-13",
        Category::LoveMap,
        Depth::Medium,
        "What's a recent win you haven't told me about?",
    ),
    p(
        "love_map-14",
        Category::LoveMap,
        Depth::Medium,
        "What's something new you've been curious about?",
    ),
    p(
        "love_map-15",
        Category::LoveMap,
        Depth::Deep,
        "What's weighing on you that you haven't said out loud?",
    ),
    p(
        "love_map-16",
        Category::LoveMap,
        Depth::Deep,
        "What part of your life do you feel I know least about?",
    ),
    p(
        "love_map-17",
        Category::LoveMap,
        Depth::Deep,
        "What's changed in you this past year?",
    ),
    p(
        "love_map-18",
        Category::LoveMap,
        Depth::Deep,
        "What do you need more of from the people around you right now?",
    ),
    p(
        "love_map-19",
        Category::LoveMap,
        Depth::Deep,
        "Where do you feel most like yourself these days?",
    ),
    p(
        "love_map-20",
        Category::LoveMap,
        Depth::Deep,
        "What's something about your inner world you'd like me to ask about more?",
    ),
];

/// A prompt by id.
#[must_use]
pub fn by_id(id: &str) -> Option<&'static Prompt> {
    PROMPTS.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_library_is_large_varied_and_unique() {
        assert!(PROMPTS.len() >= 200);
        let ids: HashSet<_> = PROMPTS.iter().map(|p| p.id).collect();
        let texts: HashSet<_> = PROMPTS.iter().map(|p| p.text).collect();
        assert_eq!(ids.len(), PROMPTS.len());
        assert_eq!(texts.len(), PROMPTS.len());
        for c in [
            Category::Hopes,
            Category::Desires,
            Category::Fears,
            Category::Dreams,
            Category::Ambitions,
            Category::Memories,
            Category::Appreciation,
            Category::Future,
            Category::Fun,
            Category::LoveMap,
        ] {
            for d in [Depth::Light, Depth::Medium] {
                assert!(
                    PROMPTS.iter().any(|p| p.category == c && p.depth == d),
                    "{c:?} {d:?}"
                );
            }
        }
        assert!(PROMPTS.iter().filter(|p| p.depth == Depth::Deep).count() >= 50);
        assert!(PROMPTS.iter().all(|p| p.text.ends_with('?')));
        assert_eq!(by_id("fun-01").map(|p| p.category), Some(Category::Fun));
    }
}
